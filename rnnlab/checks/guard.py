"""No files, sockets or processes for learner code while a check evaluates it.

A check judges a model on text it draws itself; a model that reads that text from disk (or asks
another process for it) while the check runs would score what it looked up. Python's audit hooks
(PEP 578) report every file open, socket and process start; while a check runs, an event is
refused when learner code is on the call stack between the event and the check. The check's own
reads (the held-out book it judges on) pass, since only rnnlab, torch and the standard library
stand between them and the check.

Every public ``check_*`` function of the checks package runs under ``guarded`` (the package's
``__init__`` wraps them), so no check can forget it.
"""

import functools
import os
import sys
import sysconfig
import threading

# events that reach outside the process's own memory
_EVENTS = {
    "open",
    "os.listdir",
    "os.scandir",
    "socket.connect",
    "socket.bind",
    "socket.getaddrinfo",
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.startfile",
}
# code that may sit between an event and the check: the package, the interpreter's libraries
_TRUSTED = tuple(
    os.path.realpath(p)
    for p in {
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        sysconfig.get_paths()["stdlib"],
        sysconfig.get_paths()["platstdlib"],
        sysconfig.get_paths()["purelib"],
        sysconfig.get_paths()["platlib"],
    }
)
_state = threading.local()
_installed = False


class LearnerIOError(PermissionError):
    """Raised inside learner code that opens a file, socket or process while a check runs."""


def _learner_frame(entry):
    """The first frame between the hook and the check's own frame that is not trusted code."""
    frame = sys._getframe(2)
    while frame is not None and frame is not entry:
        filename = frame.f_code.co_filename
        if filename.startswith("<frozen importlib"):
            return None  # the import system finding a module (lists folders, reads sources)
        if not (filename.startswith("<frozen") or os.path.realpath(filename).startswith(_TRUSTED)):
            return frame
        frame = frame.f_back
    return None


def _harmless_open(args):
    """A lazy import reading a library, a file opened only to be written (a checkpoint), or a
    device such as /dev/urandom: nothing the check keeps is read."""
    path, mode = str(args[0]), (args[1] if len(args) > 1 and isinstance(args[1], str) else "r")
    return (
        path.endswith((".py", ".pyc", ".so"))
        or path.startswith("/dev/")
        or (any(m in mode for m in "wax") and "+" not in mode)
    )


def _hook(event, args):
    entry = getattr(_state, "entry", None)
    if entry is None or event not in _EVENTS:
        return
    if event == "open" and args and _harmless_open(args):
        return
    frame = _learner_frame(entry)
    if frame is not None:
        target = args[0] if args else ""
        raise LearnerIOError(
            f"{event} {target!r} from {frame.f_code.co_name} while a check evaluates it: a model "
            "is judged on what it computes, so it may not read files, sockets or other processes"
        )


def _install():
    global _installed
    if not _installed:
        sys.addaudithook(_hook)  # hooks cannot be removed; this one is idle outside checks
        _installed = True


def guarded(check):
    """Run ``check`` with learner I/O refused (nested checks keep the outermost entry)."""

    @functools.wraps(check)
    def run(*args, **kwargs):
        _install()
        if getattr(_state, "entry", None) is not None:
            return check(*args, **kwargs)
        _state.entry = sys._getframe()
        try:
            return check(*args, **kwargs)
        finally:
            _state.entry = None

    run.__wrapped_check__ = check
    return run


def guard_module(module):
    """Wrap every public ``check_*`` function that ``module`` holds (its own or imported)."""
    for name, value in list(vars(module).items()):
        if name.startswith("check_") and callable(value) and not hasattr(value, "__wrapped_check__"):
            setattr(module, name, guarded(value))
