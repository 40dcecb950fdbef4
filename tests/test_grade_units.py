"""The grader's parts that need no kernel: names, files on disk, references, refusal, points."""

import csv
import os
import pathlib
import subprocess
import sys

import nbformat
import pytest

from grading_fixtures import make_book, submission, tiny_solution
from rnnlab.tools import gradebook, grade, sandbox
from rnnlab.tools.exercises import add_nbgrader_metadata
from rnnlab.tools.references import SetupError, find_book, load_references

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "raw, safe",
    [
        ("..", "__"),
        ("../../etc", "______etc"),
        ("alice", "alice"),
        ('=HYPERLINK("x")', "_HYPERLINK__x__"),
        ("-2+3", "_2_3"),
        ("", "_"),
        ("é/b", "__b"),
    ],
)
def test_safe_name(raw, safe):
    assert gradebook.safe_name(raw) == safe


def test_csv_cells_are_never_formulas():
    assert [gradebook.cell(v) for v in ("=1+1", "+1", "-1", "@A1", "ok", 3)] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A1",
        "ok",
        3,
    ]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("doejane_12345_678901_05_bptt.ipynb", ("doejane", "05_bptt", "12345")),
        ("doejane_late_12345_678901_05_bptt-2.ipynb", ("doejane", "05_bptt", "12345")),
        ("ann__05_bptt.ipynb", ("ann", "05_bptt", "")),
        ("ann/05_bptt-1.ipynb", ("ann", "05_bptt", "")),
    ],
)
def test_names_of_submissions(name, expected):
    assert gradebook.parse_name(pathlib.PurePath(name), {"05_bptt"}) == expected


def test_discover_gives_every_entry_a_row(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "00_tiny.ipynb").write_text("{}")
    (tmp_path / "big__00_tiny.ipynb").write_bytes(b" " * 2048)
    os.symlink("/etc/passwd", tmp_path / "link__00_tiny.ipynb")
    os.mkfifo(tmp_path / "fifo__00_tiny.ipynb")
    (tmp_path / "dir__00_tiny.ipynb").mkdir()
    (tmp_path / "loose.ipynb").write_text("{}")
    (tmp_path / "x__99_unknown.ipynb").write_text("{}")
    found = {s["student"]: s["problem"] for s in gradebook.discover(tmp_path, {"00_tiny"}, 1024)}
    assert found["a"] == ""
    assert "larger" in found["big"] and "symbolic link" in found["link"]
    assert "not a regular file" in found["fifo"] and "not a regular file" in found["dir"]
    assert "name it" in found["loose"] and "no exercise set" in found["x"]
    with pytest.raises(OSError):
        gradebook.read_regular(tmp_path / "link__00_tiny.ipynb", 1024)
    with pytest.raises(OSError):
        gradebook.read_regular(tmp_path / "fifo__00_tiny.ipynb", 1024)  # never blocks


def test_a_malformed_notebook_is_repaired():
    nb = nbformat.writes(submission(make_exercise_nb()))
    import json

    raw = json.loads(nb)
    del raw["cells"][3]["source"]
    raw["cells"].append("not a cell")
    parsed = grade.parse_notebook(json.dumps(raw).encode())
    assert parsed.cells[3].source == "" and len(parsed.cells) == len(raw["cells"]) - 1


def make_exercise_nb():
    from rnnlab.tools.exercises import make_exercise

    return make_exercise(tiny_solution(), "exercises/00_tiny.ipynb")


def test_references_come_from_the_book_not_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exercises").mkdir()
    assert find_book() == ROOT  # located from the installed package
    with pytest.raises(SetupError, match="--book"):
        find_book(tmp_path)  # exercises/ alone (no solutions/) is not a book


def test_points_and_exercises_from_the_solutions(tmp_path):
    make_book(tmp_path)
    ref = load_references(tmp_path)["00_tiny"]
    assert [(c.exercise, c.points) for c in ref.checks] == [("Exercise 1", 2.0), ("Exercise 2", 1.0)]
    assert [a.exercise for a in ref.answers] == ["Exercise 1"]
    assert ref.max_points() == 3 and "from rnnlab import checks" in ref.imports


def test_make_exercises_keeps_an_authors_points():
    nb = tiny_solution(double_points=5)
    assert not add_nbgrader_metadata(nb, "00_tiny")
    assert nb.cells[4].metadata["nbgrader"]["points"] == 5


def test_no_sandbox_means_no_grading(tmp_path, monkeypatch):
    make_book(tmp_path / "book")
    (tmp_path / "subs").mkdir()
    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    with pytest.raises(SetupError, match="--no-sandbox"):
        grade.grade_class(tmp_path / "subs", tmp_path / "out", book=tmp_path / "book")


def test_no_references_is_an_error_with_a_message(tmp_path):
    (tmp_path / "subs").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "rnnlab", "grade", "subs", "--book", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0 and "grading stopped" in done.stderr and "--book" in done.stderr


def test_gradebook_tables_from_records(tmp_path):
    make_book(tmp_path / "book")
    refs = load_references(tmp_path / "book")
    record = dict(
        student="ann",
        raw_student="ann",
        set="00_tiny",
        canvas_id="7",
        status="ok",
        checks=[],
        answers=[],
        exercises={"Exercise 1": 2.0, "Exercise 2": 0.0},
        points=2.0,
        max_points=3.0,
        seconds=1.0,
        sha256="",
        sandbox="bwrap",
        errors=[],
        feedback="f.md",
    )
    gradebook.write_tables(
        tmp_path / "out", [record], refs, [dict(student="bob", name="Bob", id="8", sis_id="", section="")]
    )
    rows = list(csv.DictReader(open(tmp_path / "out" / "gradebook.csv")))
    assert [r["student"] for r in rows] == ["ann", "bob"]
    assert rows[0]["00_tiny: Exercise 1 (2)"] == "2" and rows[1]["notes"] == "00_tiny: missing"
    assert not list((tmp_path / "out").glob(".tmp-*"))  # atomic writes leave no temporary file
