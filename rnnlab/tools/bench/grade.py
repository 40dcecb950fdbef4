"""Grading throughput: ``python -m rnnlab grade bench [--book B] [--bench-set 05_bptt] [--bench-n 4]``.

Makes ``n`` solved copies of one exercise set (the exercise notebook with the solution's cells
put back), grades them in the sandbox with 1 job and with 2 jobs, and prints submissions per
minute and per minute per core. Not a test: the numbers depend on the machine and its load.
"""

import os
import pathlib
import tempfile
import time

import nbformat

from ..grade import grade_class
from ..references import find_book, load_references


def solved_copy(ref):
    solution = nbformat.read(ref.solution_path, as_version=4)
    answers = {c.get("id"): c.source for c in solution.cells}
    nb = nbformat.from_dict(ref.exercise_nb)
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution") and cell.id in answers:
            cell.source = answers[cell.id]
    return nb


def measure(book, subs, jobs, quick, log):
    with tempfile.TemporaryDirectory(prefix="rnnlab-bench-out-") as out:
        start = time.perf_counter()
        records = grade_class(
            subs,
            out,
            book=book,
            jobs=jobs,
            self_check=False,
            quick=quick,
            log=lambda *a: None,
            data_dir=os.environ.get("RNNLAB_DATA"),
        )
        seconds = time.perf_counter() - start
    full = sum(r["points"] == r["max_points"] for r in records)
    rate = len(records) / seconds * 60
    log(
        f"{jobs} job(s): {len(records)} submissions in {seconds:.0f} s = {rate:.2f} submissions/min, "
        f"{rate / jobs:.2f} per min per core ({full}/{len(records)} got full marks)"
    )
    return rate


def main(args):
    book = find_book(args.book)
    name = getattr(args, "bench_set", None) or "05_bptt"
    n = getattr(args, "bench_n", None) or 4
    ref = load_references(book)[name]
    print(
        f"grading {n} solved copies of {name} ({'quick' if args.quick else 'full'} mode); "
        f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="rnnlab-bench-") as tmp:
        subs = pathlib.Path(tmp)
        for i in range(n):
            (subs / f"student{i:02d}").mkdir()
            nbformat.write(solved_copy(ref), subs / f"student{i:02d}" / f"{name}.ipynb")
        for jobs in (1, 2):
            measure(book, subs, jobs, args.quick, lambda line: print(line, flush=True))
