"""The grader's side inside the kernel: run a check so the submission's tampering cannot help it.

The grader calls ``boot(key)`` once, before any cell of the submission runs, and then, for each
check cell, the ``run`` function stored under ``key`` in ``builtins``. Both calls travel as
``user_expressions`` of an execute request, which IPython evaluates without passing them through
input transformers, AST transformers or custom exception handlers. ``boot`` loads a private copy
of this module (never in ``sys.modules``) and snapshots the import system, ``builtins``, the
modules the checks use and IPython's hooks. Before each check ``run``:

- restores that snapshot: rebound functions of torch, numpy, math, builtins, rnnlab's modules
  and the standard modules the harness uses (json, io, contextlib, traceback, importlib),
  methods added to or replaced on ``torch.Tensor`` and ``torch.nn.Module``,
  ``sys.meta_path``/``sys.path``, and IPython's exception handler, transformers and events;
- imports ``rnnlab.checks`` afresh from the package files (read-only in the sandbox);
- runs the reference check in a fresh namespace: the submission's names, then the reference's own
  import statements (so a rebound ``checks``, ``nn`` or ``torch`` is replaced);
- copies back into the kernel's namespace only the names the check cell itself assigned;
- decides the verdict itself: passed only if the fresh ``checks.passed`` was called and nothing
  raised. What the cell prints is feedback, never the verdict.

The same boot stores the kernel's oracle under ``key + "_oracle"`` (``oracle.py``): for the checks
decided by the judge process, the kernel only calls the learner's objects as the judge asks. What
remains possible is listed in the README ("What the sandbox and the judge do not stop").
"""

import builtins
import contextlib
import importlib
import importlib.util
import io
import json
import sys
import traceback
import types

MODULES = (
    "builtins",
    "json",
    "io",
    "contextlib",
    "traceback",
    "importlib",
    "math",
    "numpy",
    "torch",
    "torch.nn",
    "torch.nn.functional",
    "torch.nn.modules.module",
    "torch.autograd",
    "torch.testing",
    "rnnlab",
    "rnnlab.corpora",
    "rnnlab.data",
    "rnnlab.models",
    "rnnlab.train",
    "rnnlab.quick",
)
CLASSES = (("torch", "Tensor"), ("torch.nn", "Module"))
EVENTS = ("pre_execute", "pre_run_cell", "post_execute", "post_run_cell")


def _ip():
    from IPython import get_ipython

    return get_ipython()


def boot(key):
    """Load a private copy of this module into ``builtins[key]`` and take the snapshot."""
    spec = importlib.util.spec_from_file_location(f"_rnnlab_harness_{key}", __file__)
    private = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(private)
    private.snapshot()
    setattr(builtins, key, private.run)
    setattr(builtins, key + "_oracle", private.oracle())
    sys.modules.pop(__name__, None)
    return "ready"


_STATE = {}


def snapshot():
    import rnnlab.checks  # noqa: F401  (imports torch, numpy and rnnlab once, before the submission)

    ip = _ip()
    mods = {name: sys.modules[name] for name in MODULES if name in sys.modules}
    _STATE.update(
        modules=dict(sys.modules),
        meta_path=list(sys.meta_path),
        path=list(sys.path),
        path_hooks=list(sys.path_hooks),
        rnnlab_path=list(sys.modules["rnnlab"].__path__),
        dicts={
            name: {k: v for k, v in vars(m).items() if callable(v) or isinstance(v, types.ModuleType)}
            for name, m in mods.items()
        },
        classes={(m, c): dict(vars(getattr(sys.modules[m], c))) for m, c in CLASSES if m in sys.modules},
        ip=None
        if ip is None
        else dict(
            cleanup=list(ip.input_transformers_cleanup),
            post=list(ip.input_transformers_post),
            ast=list(ip.ast_transformers),
            events={e: list(ip.events.callbacks.get(e, [])) for e in EVENTS},
            manager=list(ip.input_transformer_manager.cleanup_transforms),
            lines=list(ip.input_transformer_manager.line_transforms),
        ),
        excepthook=sys.excepthook,
        displayhook=sys.displayhook,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )


def oracle():
    """The kernel's side of checks decided by the judge (``oracle.py``), made before the submission runs."""
    from rnnlab.checks.core import recurrence_spy
    from rnnlab.checks.guard import guarded
    from rnnlab.tools import oracle as service

    return service.make(recurrence_spy, guarded, restore)


def restore():
    """Undo what the submission may have changed in the import system, the modules and IPython."""
    s = _STATE
    sys.meta_path[:], sys.path[:], sys.path_hooks[:] = s["meta_path"], s["path"], s["path_hooks"]
    sys.path_importer_cache.clear()
    for name, module in s["modules"].items():
        if name in s["dicts"] or name.startswith(("rnnlab", "torch", "numpy")):
            sys.modules[name] = module
    sys.modules["rnnlab"].__path__[:] = s["rnnlab_path"]
    for name, saved in s["dicts"].items():
        namespace = vars(s["modules"][name])
        for k, v in saved.items():
            if namespace.get(k) is not v:
                namespace[k] = v
    for (m, c), saved in s["classes"].items():
        cls = getattr(s["modules"][m], c)
        for k in [k for k in vars(cls) if k not in saved]:
            with contextlib.suppress(AttributeError, TypeError):
                delattr(cls, k)
        for k, v in saved.items():
            if vars(cls).get(k) is not v:
                with contextlib.suppress(AttributeError, TypeError):
                    setattr(cls, k, v)
    sys.excepthook, sys.displayhook = s["excepthook"], s["displayhook"]
    sys.stdout, sys.stderr = s["stdout"], s["stderr"]
    ip, saved = _ip(), s["ip"]
    if ip is not None and saved is not None:
        ip.set_custom_exc((), None)
        ip.input_transformers_cleanup[:] = saved["cleanup"]
        ip.input_transformers_post[:] = saved["post"]
        ip.ast_transformers[:] = saved["ast"]
        ip.input_transformer_manager.cleanup_transforms[:] = saved["manager"]
        ip.input_transformer_manager.line_transforms[:] = saved["lines"]
        for event, callbacks in saved["events"].items():
            ip.events.callbacks[event] = list(callbacks)


def fresh_checks():
    """``rnnlab.checks`` imported again from its files; calls of its ``passed`` are counted."""
    for name in [n for n in sys.modules if n == "rnnlab.checks" or n.startswith("rnnlab.checks.")]:
        del sys.modules[name]
    checks = importlib.import_module("rnnlab.checks")
    core = importlib.import_module("rnnlab.checks.core")
    calls, original = [], core.passed

    def passed(what):
        calls.append(what)
        original(what)

    for name, module in list(sys.modules.items()):
        if (name == "rnnlab.checks" or name.startswith("rnnlab.checks.")) and getattr(
            module, "passed", None
        ) is original:
            module.passed = passed
    return checks, core, calls


def run(source, imports):
    """Run one reference check; return its verdict as JSON: status, message, output."""
    out = io.StringIO()
    try:
        restore()
        checks, core, calls = fresh_checks()
        ip = _ip()
        user = ip.user_ns if ip is not None else {}
        namespace = {k: v for k, v in user.items() if not k.startswith("_")}
        namespace.update(__name__="__main__", __builtins__=builtins)
        exec(compile(imports, "<reference imports>", "exec"), namespace)  # noqa: S102
    except BaseException as err:  # noqa: BLE001  (the kernel was altered so the check cannot run)
        return json.dumps(
            dict(
                status="failed",
                message="the check could not run in this kernel (the notebook changed Python's import "
                f"system or the package): {type(err).__name__}: {err}"[:2000],
                output=traceback.format_exc()[-2000:],
            )
        )
    namespace["checks"] = checks
    before = dict(namespace)
    status, message = "failed", ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            exec(compile(source, "<check>", "exec"), namespace)  # noqa: S102
            if calls:
                status, message = "passed", calls[-1]
            else:
                message = "the check did not report PASSED"
        except NotImplementedError as err:
            status, message = "not attempted", str(err)
        except core.CheckFailed as err:
            message = f"CheckFailed: {err}"
        except BaseException as err:  # noqa: BLE001  (SystemExit and KeyboardInterrupt included)
            message = f"{type(err).__name__}: {err}"
    for name, value in namespace.items():  # what the check cell defines (embed_size = 32) stays
        if name != "__builtins__" and (name not in before or before[name] is not value):
            user[name] = value
    return json.dumps(dict(status=status, message=message[:4000], output=out.getvalue()[-4000:]))
