"""The book's grader against nbgrader's autograde on the same submissions:
``python -m rnnlab grade versus --sets 03_rnn_scratch,05_bptt [--bench-n 2] [--quick]``.

For each set: one solved submission (the exercise notebook with the solution's cells put back);
an nbgrader course made from the book's ``nbgrader_config.py`` and the solution notebook as its
source; then ``n`` rounds, each timing one ``python -m rnnlab grade`` of the submission (sandbox,
no self-test) and one ``nbgrader autograde`` of it, in alternating order so that a change in the
machine's load hits both. Both are timed as the commands an instructor runs (interpreter start
included). Prints seconds per submission and the ratio book / nbgrader per set, and the load
average. Not a test: the numbers depend on the machine and its load.
"""

import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import nbformat

from ..references import find_book, load_references
from .grade import solved_copy


def _run(cmd, cwd, env):
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=7200)
    return time.perf_counter() - start, done


def book_once(book, set_name, nb, work, i, env, quick):
    subs, out = work / f"subs{i}", work / f"out{i}"
    (subs / "student").mkdir(parents=True)
    nbformat.write(nb, subs / "student" / f"{set_name}.ipynb")
    cmd = [sys.executable, "-m", "rnnlab", "grade", str(subs), "--out", str(out), "--book", str(book)]
    seconds, done = _run(cmd + ["--no-self-test"] + (["--quick"] if quick else []), work, env)
    rows = (
        [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
        if out.exists()
        else []
    )
    points = f"{rows[0]['points']:g}/{rows[0]['max_points']:g}" if rows else f"failed: {done.stderr[-300:]}"
    return seconds, points


def nbgrader_once(course, set_name, nb, i, env):
    student = f"stu{i}"
    folder = course / "submitted" / student / set_name
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{set_name}.ipynb")
    cmd = [
        sys.executable,
        "-m",
        "nbgrader",
        "autograde",
        set_name,
        "--student",
        student,
        "--create",
        "--force",
    ]
    seconds, done = _run(cmd, course, env)
    if done.returncode != 0:
        return seconds, f"failed: {(done.stdout + done.stderr)[-300:]}"
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(set_name, student)
        return seconds, f"{sub.code_score:g}/{sub.max_code_score:g} (checks)"


def compare(book, set_name, n, quick, work, log):
    ref = load_references(book)[set_name]
    nb = solved_copy(ref)
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env["PATH"] = f"{pathlib.Path(sys.executable).parent}:{env.get('PATH', '')}"  # nbgrader calls alembic
    if quick:
        env["RNNLAB_QUICK"] = "1"
    course = work / "course"
    (course / "source" / set_name).mkdir(parents=True)
    shutil.copy(book / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copy(ref.solution_path, course / "source" / set_name / f"{set_name}.ipynb")
    seconds, done = _run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", set_name, "--force"], course, env
    )
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment failed: {(done.stdout + done.stderr)[-1000:]}")
    times = {"book": [], "nbgrader": []}
    for i in range(n):
        order = ("book", "nbgrader") if i % 2 == 0 else ("nbgrader", "book")
        for who in order:
            load = os.getloadavg()[0]
            if who == "book":
                s, points = book_once(book, set_name, nb, work, i, env, quick)
            else:
                s, points = nbgrader_once(course, set_name, nb, i, env)
            times[who].append(s)
            log(f"{set_name} round {i + 1}: {who:8s} {s:7.1f} s, {points} (load {load:.1f})")
    book_s, nbg_s = statistics.mean(times["book"]), statistics.mean(times["nbgrader"])
    log(
        f"{set_name}: book grader {book_s:.1f} s, nbgrader {nbg_s:.1f} s per submission; "
        f"ratio book/nbgrader {book_s / nbg_s:.2f} ({n} round(s), {'quick' if quick else 'full'} mode)"
    )
    return book_s, nbg_s


def main(args):
    book = find_book(args.book)
    sets = args.sets.split(",") if args.sets else ["05_bptt"]
    n = args.bench_n or 1
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    results = {}
    for set_name in sets:
        with tempfile.TemporaryDirectory(prefix="rnnlab-versus-") as tmp:
            results[set_name] = compare(
                book, set_name, n, args.quick, pathlib.Path(tmp), lambda line: print(line, flush=True)
            )
    print("set, book s, nbgrader s, ratio")
    for set_name, (b, g) in results.items():
        print(f"{set_name}, {b:.1f}, {g:.1f}, {b / g:.2f}")
