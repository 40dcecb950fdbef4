"""Run one submission: the runner here, its kernel in a bubblewrap sandbox (or, if asked, without one).

The runner (``runner.py``) runs with the grader's rights, outside the sandbox, and returns its
result on a pipe that only it holds; the kernel it drives runs in the sandbox that ``confine.py``
describes. The sandbox sees: the system's /usr, /lib, /bin and /etc, Python and the installed
packages (for an editable install only the ``rnnlab`` package folder, never the rest of the book)
and the corpora at their ``RNNLAB_DATA`` path, all read-only; a private size-limited /tmp holding
its working folder. It does not see the book's sources, ``solutions/``, other submissions, the
output folder or the runner, and has no network. When the runner exits, bwrap and every process of
the sandbox die with it; the grader kills the runner's process group at the end of the budget.
"""

import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time

THREAD_ENV = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS")
LIMITS = dict(disk_mb=1024, shm_mb=64, max_procs=256)  # per submission (confine.py says how)
# How the runner starts, once per submission. ``python -m rnnlab.tools.runner`` would first run
# ``rnnlab/__init__`` (torch and matplotlib, which the runner never uses) and, through nbformat,
# jsonschema would build the grammar of its optional URI format check (``rfc3987_syntax``; no
# notebook schema asks for that format): about 5 s of CPU per submission, most of a tiny one's
# cost. So the parent packages are registered without running their ``__init__``, and that
# optional grammar is left out; the runner itself runs unchanged, as ``__main__``.
RUNNER_START = """import importlib.util, runpy, sys
sys.modules["rfc3987_syntax"] = None
for name in ("rnnlab", "rnnlab.tools"):
    sys.modules[name] = importlib.util.module_from_spec(importlib.util.find_spec(name))
runpy.run_module("rnnlab.tools.runner", run_name="__main__", alter_sys=True)
"""
PROBE = [  # every option the sandbox relies on: a bwrap without one of them is no sandbox for us
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--uid",
    "1000",
    "--gid",
    "1000",
    "--cap-drop",
    "ALL",
    "--die-with-parent",
    "--new-session",
    "--ro-bind",
    "/",
    "/",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    "1048576",
    "--tmpfs",
    "/tmp",
    "true",
]


def bwrap_path():
    """The bwrap executable if it exists and supports the sandbox here, else None."""
    path = shutil.which("bwrap")
    if not path:
        return None
    try:
        probe = subprocess.run([path, *PROBE], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if probe.returncode == 0 else None


def package_roots():
    """Folders the kernel needs read-only: Python's prefixes, site-packages and rnnlab itself."""
    import rnnlab

    roots = {
        pathlib.Path(sys.base_prefix),
        pathlib.Path(sys.prefix),
        pathlib.Path(sysconfig.get_paths()["purelib"]),
        pathlib.Path(rnnlab.__file__).parent,
    }
    return sorted({p.resolve() for p in roots if p.exists()})


def kernel_env(threads=1, quick=False, data_dir=None, home="/tmp"):
    import rnnlab

    env = {
        "PYTHONPATH": str(pathlib.Path(rnnlab.__file__).resolve().parents[1]),
        "PATH": f"{pathlib.Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "agg",
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLCONFIGDIR": f"{home}/mpl",
        "JUPYTER_RUNTIME_DIR": f"{home}/jupyter",
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "RNNLAB_CACHE": f"{home}/rnnlab-cache",
    }
    env.update({name: str(threads) for name in THREAD_ENV})
    if data_dir:
        env["RNNLAB_DATA"] = str(data_dir)
    if quick:
        env["RNNLAB_QUICK"] = "1"
    return env


def _kill_marked(token):
    """Without a sandbox: kill every process of ours whose environment carries ``token``."""
    for proc in pathlib.Path("/proc").glob("[0-9]*"):
        try:
            if token.encode() in (proc / "environ").read_bytes():
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def run_job(job, bwrap=None, data_dir=None, threads=1, quick=False, wall_timeout=3600, limits=None):
    """Run ``job`` (see runner.py) from a fresh private folder; return the runner's result dict.

    ``job["max_seconds"]`` is the notebook's whole budget (the runner stops the kernel then);
    ``wall_timeout`` is the grader's own backstop for the runner, a little longer.
    """
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="rnnlab-sub-"))
    token = "RNNLAB_GRADE_" + os.urandom(8).hex()
    read_end, write_end = os.pipe()
    stderr_file = tempfile.TemporaryFile()
    try:
        runner = [sys.executable, "-c", RUNNER_START]
        popen_env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(workdir), RNNLAB_RESULT_FD=str(write_end))
        if bwrap:
            job = dict(
                job,
                sandbox=dict(
                    LIMITS,
                    **(limits or {}),
                    bwrap=bwrap,
                    roots=[str(p) for p in package_roots()],
                    data_dir=str(data_dir) if data_dir else None,
                    env=kernel_env(threads, quick, data_dir),
                ),
            )
        else:
            home = workdir / ".home"
            home.mkdir()
            popen_env.update(kernel_env(threads, quick, data_dir, str(home)))
            popen_env[token] = "1"
            if not data_dir:
                popen_env.pop("RNNLAB_DATA", None)
        proc = subprocess.Popen(
            runner,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=stderr_file,
            cwd=workdir,
            env=popen_env,
            pass_fds=(write_end,),
            start_new_session=True,
        )
        os.close(write_end)
        write_end = None
        chunks = []
        reader = threading.Thread(target=lambda: chunks.append(_read_all(read_end)), daemon=True)
        reader.start()
        try:
            proc.stdin.write(json.dumps(job).encode())
            proc.stdin.close()
        except BrokenPipeError:
            pass
        start = time.monotonic()
        try:
            proc.wait(timeout=wall_timeout)
        except subprocess.TimeoutExpired:
            pass
        _end(proc)
        if not bwrap:
            _kill_marked(token)
        reader.join(timeout=max(1.0, wall_timeout - (time.monotonic() - start)))
        raw = chunks[0] if chunks else b""
        try:
            return json.loads(raw)
        except ValueError:  # the runner, which runs outside the sandbox, failed: the grader's fault
            from .runner import clean

            stderr_file.seek(0)
            tail = stderr_file.read()[-1500:].decode(errors="replace").strip().splitlines()
            why = (
                "ran past the grader's backstop"
                if proc.returncode is None or proc.returncode < 0
                else f"exited with code {proc.returncode}"
            )
            return dict(
                status=f"grader error: the runner {why}" + (f": {clean(tail[-1], 200)}" if tail else ""),
                verdicts={},
                errors=[],
                stopped=None,
                stopped_at=None,
                capped=False,
            )
    finally:
        if write_end is not None:
            os.close(write_end)
        os.close(read_end)
        stderr_file.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _read_all(fd):
    data = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(data)
        data.append(chunk)


def _end(proc):
    """Kill the runner's whole process group (bwrap's PID namespace dies with its init)."""
    for sig in (signal.SIGKILL,):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
