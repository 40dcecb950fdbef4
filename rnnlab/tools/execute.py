"""Run notebooks top to bottom in a fresh kernel and store their outputs (``make execute``).

Runs hold a lock file so that two full runs never share the CPU (timings stay honest),
print each notebook's wall time and record it for chapter 0 (``rnnlab.tools.timings``), and
scrub this machine's paths from the outputs. With ``quick=True`` (``--quick``) notebooks run in
quick mode only to time them: their outputs are NOT stored.
"""

import fcntl
import os
import pathlib
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

from . import timings

LOCK_PATH = "/tmp/rnnlab-execute.lock"
# Scripts that edit notebooks hold this lock while they read, change and write one.
EDIT_LOCK_PATH = "/tmp/nb-edit.lock"
# Home folders, and the kernel's own temporary files (a warning raised in a cell names
# /tmp/ipykernel_<pid>/<hash>.py as its source).
HOME_PATTERN = re.compile(r"(/root|/home/[^/\s\"']+|/Users/[^/\s\"']+|/tmp/ipykernel_\d+)(?=/)")


def scrub_paths(nb, repo_root):
    """Replace this checkout's path and home directories in outputs, so none are committed."""
    root = str(pathlib.Path(repo_root).resolve())
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for key in ("text",):
                if key in out:
                    out[key] = HOME_PATTERN.sub("~", out[key].replace(root, "."))
            if "traceback" in out:
                out["traceback"] = [HOME_PATTERN.sub("~", t.replace(root, ".")) for t in out["traceback"]]
            for mime, value in out.get("data", {}).items():
                if mime.startswith("text/") and isinstance(value, str):
                    out["data"][mime] = HOME_PATTERN.sub("~", value.replace(root, "."))


def run_notebook(path, timeout=1800, kernel_name="python3"):
    """Run ``path`` top to bottom in a fresh kernel in its own folder; return the executed
    notebook (the file is not touched) and the wall time in seconds."""
    path = pathlib.Path(path)
    nb = nbformat.read(path, as_version=4)
    # The kernel inherits this: no progress bar is stored (its first frame would stay at 0%).
    os.environ["RNNLAB_PROGRESS"] = "0"
    client = NotebookClient(
        nb, timeout=timeout, kernel_name=kernel_name, resources={"metadata": {"path": str(path.parent)}}
    )
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def execute_notebook(path, timeout=1800, kernel_name="python3", store=True):
    """Execute ``path`` in place in its own folder (``store=False``: run it, keep the file as it
    is); return the wall time in seconds."""
    path = pathlib.Path(path)
    nb, seconds = run_notebook(path, timeout, kernel_name)
    if not store:
        return seconds
    scrub_paths(nb, pathlib.Path.cwd())
    with open(EDIT_LOCK_PATH, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # no editing script writes while we compare and write
        keep_edits_made_meanwhile(nb, nbformat.read(path, as_version=4), path)
        nbformat.write(nb, path)
    return seconds


class NotebookChangedError(RuntimeError):
    """The notebook's cells changed on disk while it was executing."""


def keep_edits_made_meanwhile(executed, on_disk, path):
    """Take metadata edits made during the run; refuse to overwrite changed sources.

    A full run takes minutes, and others may edit the notebook meanwhile. Writing the
    executed copy would silently drop their edits: metadata (alt text, tags) is merged,
    and any change of a cell's source stops the write so the run can be repeated.
    """

    def cells(nb):
        return [(c.cell_type, c.source) for c in nb.cells]

    if cells(executed) != cells(on_disk):
        raise NotebookChangedError(
            f"{path} was edited while it ran; its outputs were NOT stored (the edits are kept). Run it again."
        )
    for ran, disk in zip(executed.cells, on_disk.cells):
        ran.metadata = disk.metadata
    executed.metadata = on_disk.metadata


def notebook_key(path):
    """The notebook's path relative to the working directory (the repository root)."""
    return pathlib.Path(os.path.relpath(pathlib.Path(path).resolve(), pathlib.Path.cwd())).as_posix()


def main(paths, quick=False):
    if os.environ.get("RNNLAB_QUICK") and not quick:
        sys.exit("make execute stores the outputs of a FULL run: unset RNNLAB_QUICK first")
    if quick:
        os.environ["RNNLAB_QUICK"] = "1"  # the kernel inherits it
    mode = "quick" if quick else "full"
    not_stored = []
    for path in paths:
        with open(LOCK_PATH, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # wait for any other full run to finish
            print(f"executing {path} ({mode}) ...", flush=True)
            load_before = timings.load_average()
            try:
                seconds = execute_notebook(path, store=not quick)
            except NotebookChangedError as error:
                print(error, flush=True)
                not_stored.append(str(path))
                continue
            except Exception as error:  # noqa: BLE001 - a timing run goes on to the next notebook
                if not quick:
                    raise
                print(f"{path}: the quick run failed, no time recorded ({type(error).__name__})", flush=True)
                continue
            timings.record(notebook_key(path), mode, seconds, load_before, timings.load_average())
            print(f"{path}: {seconds:.0f} s ({mode}; recorded in rnnlab/results/timings.json)", flush=True)
    if not_stored:
        sys.exit("outputs not stored (edited during the run): " + " ".join(not_stored))
