"""Wall time of every notebook run, stored in ``rnnlab/results/timings.json`` for chapter 0.

``make execute`` (full mode) records each notebook it stores; ``python -m rnnlab execute --quick``
runs notebooks in quick mode WITHOUT storing their outputs, only to record how long they take.
Each record says when and where it was measured, with how many torch threads, and the load
average of the machine around the run, so a time measured on a busy machine reads as such.
"""

import datetime
import fcntl
import json
import os
import pathlib
import platform

TIMINGS = pathlib.Path(__file__).resolve().parents[1] / "results" / "timings.json"
LOCK = "/tmp/rnnlab-timings.lock"


def cpu_name():
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average():
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def machine():
    """This machine in words, without its name: CPU model and core count."""
    return f"{cpu_name()}, {os.cpu_count()} cores"


def record(notebook, mode, seconds, load_before, load_after, path=TIMINGS):
    """Store one run's wall time under ``notebook`` and ``mode`` ("full" or "quick")."""
    if mode not in ("full", "quick"):
        raise ValueError(f"mode must be 'full' or 'quick', got {mode!r}")
    path = pathlib.Path(path)
    entry = {
        "seconds": round(seconds, 1),
        "date": datetime.date.today().isoformat(),
        "threads": int(os.environ.get("OMP_NUM_THREADS", 0)) or os.cpu_count(),
        "machine": machine(),
        "cores": os.cpu_count(),
        "load_before": load_before,
        "load_after": load_after,
        "source": "make execute" if mode == "full" else "python -m rnnlab execute --quick",
    }
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(path.read_text()) if path.exists() else {"notebooks": {}}
        data["notebooks"].setdefault(pathlib.PurePath(notebook).as_posix(), {})[mode] = entry
        data["notebooks"] = dict(sorted(data["notebooks"].items()))
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1) + "\n")
        tmp.replace(path)
    return entry
