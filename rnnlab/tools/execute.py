"""Run notebooks top to bottom in a fresh kernel and store their outputs (``make execute``).

Runs hold a lock file so that two full runs never share the CPU (timings stay honest),
print each notebook's wall time, and scrub this machine's paths from the outputs.
"""
import fcntl
import os
import pathlib
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

LOCK_PATH = "/tmp/rnnlab-execute.lock"
HOME_PATTERN = re.compile(r"(/root|/home/[^/\s\"']+|/Users/[^/\s\"']+)(?=/)")


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


def execute_notebook(path, timeout=1800, kernel_name="python3"):
    """Execute ``path`` in place in its own folder; return the wall time in seconds."""
    path = pathlib.Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    scrub_paths(nb, pathlib.Path.cwd())
    nbformat.write(nb, path)
    return seconds



def main(paths):
    if os.environ.get("RNNLAB_QUICK"):
        sys.exit("make execute stores the outputs of a FULL run: unset RNNLAB_QUICK first")
    for path in paths:
        with open(LOCK_PATH, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # wait for any other full run to finish
            print(f"executing {path} ...", flush=True)
            seconds = execute_notebook(path)
            print(f"{path}: {seconds:.0f} s", flush=True)
