"""Run one submission in a bubblewrap sandbox (or, if asked, without one).

The sandbox sees: the system's /usr, /lib, /bin and /etc read-only, Python and the installed
packages read-only (for an editable install only the ``rnnlab`` package folder, never the rest of
the book), the corpora read-only at their ``RNNLAB_DATA`` path, a private writable copy of the
submission as its working folder and an empty /tmp. It does not see the book's sources,
``solutions/``, other submissions or the output folder, and has no network (``--unshare-net``).
bwrap runs with ``--die-with-parent`` in its own PID namespace and session; when the runner
exits, the namespace and every process in it are killed, and the grader kills the process group.
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


def bwrap_path():
    """The bwrap executable if it exists and works here, else None."""
    path = shutil.which("bwrap")
    if not path:
        return None
    try:
        probe = subprocess.run(
            [
                path,
                "--ro-bind",
                "/",
                "/",
                "--unshare-net",
                "--unshare-pid",
                "--die-with-parent",
                "--dev",
                "/dev",
                "--proc",
                "/proc",
                "true",
            ],
            capture_output=True,
            timeout=30,
        )
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


def bwrap_command(bwrap, workdir, data_dir=None):
    cmd = [
        bwrap,
        "--die-with-parent",
        "--new-session",
        "--unshare-all",
        "--unshare-net",
        "--clearenv",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
    ]
    for system in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc"):
        cmd += ["--ro-bind-try", system, system]
    for root in package_roots():
        cmd += ["--ro-bind", str(root), str(root)]
    if data_dir:
        cmd += ["--ro-bind", str(data_dir), str(data_dir)]
    cmd += ["--bind", str(workdir), "/submission", "--chdir", "/submission"]
    return cmd


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


def run_job(job, bwrap=None, data_dir=None, threads=1, quick=False, wall_timeout=3600):
    """Run ``job`` (see runner.py) in a fresh private folder; return the runner's result dict."""
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="rnnlab-sub-"))
    token = "RNNLAB_GRADE_" + os.urandom(8).hex()
    read_end, write_end = os.pipe()
    stderr_file = tempfile.TemporaryFile()
    try:
        (workdir / "submission.ipynb").write_text(json.dumps(job["notebook"]))
        runner = [sys.executable, "-m", "rnnlab.tools.runner"]
        if bwrap:
            env = dict(kernel_env(threads, quick, data_dir), RNNLAB_RESULT_FD=str(write_end))
            cmd = bwrap_command(bwrap, workdir, data_dir)
            cmd += [a for name, value in env.items() for a in ("--setenv", name, value)] + runner
            popen_env, cwd = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, None
        else:
            home = workdir / ".home"
            home.mkdir()
            cmd, cwd = runner, workdir
            popen_env = dict(os.environ, **kernel_env(threads, quick, data_dir, str(home)))
            popen_env[token], popen_env["RNNLAB_RESULT_FD"] = "1", str(write_end)
            if not data_dir:
                popen_env.pop("RNNLAB_DATA", None)
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=stderr_file,
            cwd=cwd,
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
        except ValueError:
            stderr_file.seek(0)
            tail = stderr_file.read()[-1500:].decode(errors="replace").strip().splitlines()
            why = (
                "ran past the wall-clock limit"
                if proc.returncode is None or proc.returncode < 0
                else f"exited with code {proc.returncode}"
            )
            return dict(
                status=f"grader error: the sandboxed runner {why}" + (f": {tail[-1]}" if tail else ""),
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
