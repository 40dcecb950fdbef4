"""docs/grading.md followed on a small class of the tiny set: Canvas names, a duplicate, a late
resubmission, a renamed file, a student who submitted nothing; hand scores entered afterwards;
the Canvas file built from Canvas's own export; the Slurm script run as a one-task array.
Plus the container recipe's pins (no sandbox needed)."""

import csv
import json
import os
import pathlib
import re
import subprocess
import sys

import nbformat
import pytest

from grading_fixtures import make_book, submission
from rnnlab.tools.sandbox import bwrap_path

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXPORT = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Week 0: Tiny (4711),Quiz 1 (4712),Current Score\n"
    "    Points Possible,,,,,4,10,(read only)\n"
    '"Ann, A",101,S1,ann,A,,,\n'
    '"Bob, B",102,S2,bob,A,,,\n'
    '"Cy, C",103,S3,cy,B,,,\n'
    '"Dee, D",104,S4,dee,B,,,\n'
    '"Nosub, N",105,S5,nosub,B,,,\n'
)


def grader(*args, cwd):
    env = dict(os.environ, OMP_NUM_THREADS="1")
    cmd = [sys.executable, "-m", "rnnlab", "grade", *map(str, args)]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)


def put(path, nb, mtime):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    os.utime(path, (mtime, mtime))


def table(path):
    return {r["student"]: r for r in csv.DictReader(open(path, encoding="utf-8"))}


@pytest.mark.slow
@pytest.mark.skipif(bwrap_path() is None, reason="needs a working bubblewrap (bwrap)")
def test_a_small_course_from_download_to_canvas(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("RNNLAB_DATA", str(tmp_path / "data"))  # the tiny set reads no corpus
    exercise = make_book(tmp_path / "book")
    blank, solved, wrong = exercise, submission(exercise), submission(exercise, "return x + 2")
    cls = tmp_path / "class"
    put(cls / "anna_101_500_00_tiny.ipynb", blank, 2_000_000_000)  # Canvas: first try, blank
    put(cls / "anna_late_101_501_00_tiny-1.ipynb", solved, 1_000_000_000)  # late resubmission
    put(cls / "bob_102_502_00_tiny.ipynb", solved, 1_000_000_000)
    put(cls / "cy" / "00_tiny (1).ipynb", wrong, 1_000_000_000)  # the browser renamed it
    put(cls / "dee" / "00_tiny.ipynb", blank, 1_000_000_000)
    put(cls / "dee__00_tiny.ipynb", solved, 1_500_000_000)  # a later copy, loose
    (tmp_path / "export.csv").write_text(EXPORT)
    book = tmp_path / "book"
    common = ["--book", book, "--quick", "--timeout", "30", "--self-test-cache", "grading/self-tests"]
    done = grader(
        "class", "--out", "grading", "--jobs", "2", "--canvas-export", "export.csv",
        "--canvas-column", "00_tiny=4711", "--late-penalty", "0.5", *common, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test 00_tiny: the solution gets 3/3, ok" in done.stdout
    rows = list(csv.DictReader(open(tmp_path / "grading" / "grades.csv")))
    assert len(rows) == 6  # every file has a row
    counted = {r["student"]: r for r in rows if r["counts"] == "yes"}
    assert sorted(counted) == ["ann", "bob", "cy", "dee"]  # Canvas ids mapped to the export's logins
    assert counted["ann"]["file"] == "anna_late_101_501_00_tiny-1.ipynb" and counted["ann"]["late"] == "late"
    assert counted["dee"]["file"] == "dee__00_tiny.ipynb" and counted["dee"]["points"] == "3"
    assert counted["cy"]["points"] == "1" and "read as 00_tiny" in counted["cy"]["note"]
    superseded = [r for r in rows if r["counts"] != "yes"]
    assert {r["file"] for r in superseded} == {"anna_101_500_00_tiny.ipynb", "dee/00_tiny.ipynb"}
    assert (tmp_path / "grading" / "feedback" / "cy" / "00_tiny.html").exists()
    results = json.loads(
        (tmp_path / "grading" / "gradescope" / "cy" / "00_tiny" / "results.json").read_text()
    )
    assert results["tests"][0]["name"] == "Exercise 1. Double, check 1" and results["tests"][0]["score"] == 0

    # the guide's next step: score the written answers, then rewrite the tables
    answers = tmp_path / "grading" / "answers" / "00_tiny__Exercise_1.md"
    text = re.sub(r"(## ann · cell \S+ · 1 point\nscore:) ", r"\1 1", answers.read_text())
    answers.write_text(text)
    (tmp_path / "hand.csv").write_text(
        "student,set,cell,score\nbob,00_tiny,c5,1\ncy,00_tiny,c5,0.5\ndee,00_tiny,c5,1\n"
    )
    done = grader("tables", "grading", "--book", book, "--scores", "hand.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    canvas = list(csv.reader(open(tmp_path / "grading" / "canvas.csv")))
    assert canvas[0][-1] == "Week 0: Tiny (4711)" and canvas[1][-1] == "4"
    scores = {row[1]: row[-1] for row in canvas[2:]}
    assert scores == {"101": "2", "102": "4", "103": "1.5", "104": "4", "105": ""}  # ann: (3 + 1) halved
    book_rows = table(tmp_path / "grading" / "gradebook.csv")
    assert "00_tiny: missing" in book_rows["nosub"]["notes"] and "late" in book_rows["ann"]["notes"]

    # the Slurm example, as a one-task array in this folder (D9: no log folder, its own venv)
    env = dict(os.environ, SLURM_ARRAY_TASK_COUNT="1", SLURM_ARRAY_TASK_ID="1", SLURM_CPUS_PER_TASK="1")
    env.update(VENV=sys.prefix, SLURM_SUBMIT_DIR=str(tmp_path), OMP_NUM_THREADS="1")
    (tmp_path / "one" / "bob").mkdir(parents=True)
    nbformat.write(solved, tmp_path / "one" / "bob" / "00_tiny.ipynb")
    slurm = [ROOT / "examples" / "slurm_grade.sh", "one", "--book", book, "--quick", "--timeout", "30"]
    done = subprocess.run(["bash", *map(str, slurm)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "remembered" in done.stdout  # the self-test of the first run was not repeated
    assert table(tmp_path / "grading" / "shard-1" / "grades.csv")["bob"]["points"] == "3"


def test_the_container_pins_every_package_it_installs():
    lines = [
        line.strip()
        for line in (ROOT / "container" / "requirements-grader.txt").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "--"))
    ]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+]+", line) for line in lines), lines
    pinned = {re.split("==", line)[0].lower().replace("_", "-") for line in lines}
    needed = {"torch", "numpy", "matplotlib", "tqdm", "nbformat", "nbclient", "pyyaml", "ipykernel"}
    assert needed <= pinned, needed - pinned
    docker = (ROOT / "container" / "Dockerfile").read_text()
    assert "requirements-grader.txt" in docker and re.search(r"FROM python:\d+\.\d+\.\d+-", docker)
