"""The nbgrader round-trip on a real exercise set (05_bptt, quick mode), with the book's config.

generate_assignment from the solution keeps the hints and links the badge to the exercise;
autograde scores notebooks made from the book's own exercises/ version (students who used the
book's Colab links), solved and unsolved.
"""

import csv
import os
import pathlib
import shutil
import subprocess
import sys

import nbformat
import pytest

from rnnlab.tools import headers
from rnnlab.tools.exercises import make_exercise

pytest.importorskip("nbgrader")
pytestmark = pytest.mark.xdist_group("nbgrader")  # one worker runs the course once
ROOT = pathlib.Path(__file__).resolve().parents[1]
SET = "05_bptt"


def nbgrader(course, *args):
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=900,
        env=dict(
            os.environ,
            RNNLAB_QUICK="1",
            OMP_NUM_THREADS="1",  # nbgrader runs
            PATH=f"{pathlib.Path(sys.executable).parent}:{os.environ['PATH']}",
        ),
    )  # alembic
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    (course / "source" / "rnn").mkdir(parents=True)
    solution = nbformat.read(ROOT / "solutions" / f"{SET}.ipynb", as_version=4)
    repo, branch = headers.read_repository(ROOT / "_config.yml")
    headers.apply_headers(solution, repo, branch, f"solutions/{SET}.ipynb")  # as `make headers` does
    nbformat.write(solution, course / "source" / "rnn" / f"{SET}.ipynb")
    nbgrader(course, "generate_assignment", "rnn", "--force")
    exercise = make_exercise(solution, f"exercises/{SET}.ipynb")  # what `make exercises` writes
    solved = nbformat.from_dict(exercise)
    answers = {c.id: c.source for c in solution.cells}
    for cell in solved.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            cell.source = answers[cell.id]
    for student, nb in (("solved", solved), ("unsolved", exercise)):
        folder = course / "submitted" / student / "rnn"
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{SET}.ipynb")
    nbgrader(course, "autograde", "rnn", "--create", "--force")
    nbgrader(course, "export", "--to", "grades.csv")
    scores = {row["student_id"]: row for row in csv.DictReader(open(course / "grades.csv"))}
    return course, solution, scores


def test_release_keeps_hints_and_never_links_to_solutions(course):
    root, solution, _ = course
    release = nbformat.read(root / "release" / "rnn" / f"{SET}.ipynb", as_version=4)
    text = "\n".join(c.source for c in release.cells)
    hints = [
        line.strip()
        for c in solution.cells
        for line in c.source.splitlines()
        if line.strip().startswith("# HINT:")
    ]
    assert hints and all(h in text for h in hints)
    assert "NotImplementedError('Hint:" in text
    assert "/solutions/" not in release.cells[0].source


def test_autograde_scores_the_books_exercises(course):
    _, solution, scores = course
    auto = sum(
        c.metadata["nbgrader"]["points"]
        for c in solution.cells
        if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"]["solution"]
    )
    print(
        f"nbgrader scores: solved {scores['solved']['raw_score']}, "
        f"unsolved {scores['unsolved']['raw_score']} of max {scores['solved']['max_score']}"
    )
    assert float(scores["solved"]["raw_score"]) == auto > 0
    assert float(scores["unsolved"]["raw_score"]) == 0


def test_release_of_every_set_equals_the_books_exercises(course):
    """`generate_assignment` of solutions/ gives exercises/ cell by cell (D2, D18): the title
    "Exercises N", the instructions cell, no solution-only cell, the hints and question texts."""
    root = course[0]
    (root / "source" / "every").mkdir()
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        shutil.copy(path, root / "source" / "every" / path.name)
    nbgrader(root, "generate_assignment", "every", "--force")
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        release = nbformat.read(root / "release" / "every" / path.name, as_version=4)
        student = nbformat.read(path, as_version=4)
        assert [(c.cell_type, c.id, c.source) for c in release.cells] == [
            (c.cell_type, c.id, c.source) for c in student.cells
        ], path.name
        assert release.cells[2].source.startswith("# Exercises ")
