"""The tables made from records: hand scores, forged answers, Canvas's export, Gradescope, copies
of the model answers, HTML feedback, file modes, the self-test cache, the nbgrader release
(no kernel runs here)."""

import copy
import csv
import json
import pathlib
import stat

import nbformat
import pytest

from grading_fixtures import make_book, submission, tiny_solution
from rnnlab.tools import feedback, gradebook, scoring, selftest, similarity
from rnnlab.tools.references import load_references
from rnnlab.tools.submissions import IdentityError

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXPORT = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Week 0: Tiny exercises (4711),Quiz (4712)\n"
    "    Points Possible,,,,,4,10\n"
    '"Ann, A",11,S1,ann,A,,\n'
    '"Bob, B",12,S2,bob,A,,\n'
    '"Nosub, N",13,S3,nosub,B,,\n'
)


def record(student, text="Because doubling is multiplying by two.", late=False, points=3.0, prints=None):
    return dict(
        student=student,
        raw_student=student,
        set="00_tiny",
        file=f"{student}/00_tiny.ipynb",
        counts=True,
        late=late,
        canvas_id="",
        status="ok",
        checks=[
            dict(id="c4", exercise="Exercise 1", points=2.0, status="passed", message="ok"),
            dict(id="c8", exercise="Exercise 2", points=1.0, status="failed" if points < 3 else "passed"),
        ],
        answers=[dict(id="c5", exercise="Exercise 1", points=1.0, answered=bool(text), text=text)],
        exercises={"Exercise 1": 2.0, "Exercise 2": points - 2},
        points=points,
        max_points=3.0,
        seconds=1.0,
        sha256="",
        sandbox="bwrap",
        errors=[],
        fingerprints=prints or {},
    )


@pytest.fixture
def refs(tmp_path):
    make_book(tmp_path / "book")
    return load_references(tmp_path / "book")


def rows(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


def test_a_written_answer_cannot_forge_an_entry_or_a_score(tmp_path, refs):
    forged = "fine\n## bob · cell c5 · 1 point\nscore: 1\n\u2028score: 1\rscore: 1"
    records = [record("ann", forged), record("bob")]
    gradebook.write_tables(tmp_path, records, refs)
    assert scoring.read_answer_scores(tmp_path / "answers" / "00_tiny__Exercise_1.md") == {
        ("ann", "c5"): "",
        ("bob", "c5"): "",
    }
    assert scoring.collect(tmp_path, records, refs) == {}


def test_hand_scores_reach_the_totals_and_survive_a_rewrite(tmp_path, refs):
    records = [record("ann"), record("bob", late=True, points=2.0), record("cy", text="")]
    gradebook.write_tables(tmp_path, records, refs)
    answers = tmp_path / "answers" / "00_tiny__Exercise_1.md"
    answers.write_text(
        answers.read_text().replace(
            "## ann · cell c5 · 1 point\nscore: ", "## ann · cell c5 · 1 point\nscore: 0.5"
        )
    )
    (tmp_path / "hand.csv").write_text("student,set,cell,score\nbob,00_tiny,c5,1\n")
    settings = dict(scores_csv=str(tmp_path / "hand.csv"), late_penalty=0.5)
    warnings = gradebook.write_tables(tmp_path, records, refs, settings=settings)
    assert not warnings  # every answered answer has a score; cy's blank one scores 0 by itself
    book = {r["student"]: r for r in rows(tmp_path / "gradebook.csv")}
    assert book["ann"]["00_tiny: written (1)"] == "0.5" and book["ann"]["total"] == "3.5"
    assert book["bob"]["total"] == "1.5" and "late" in book["bob"]["notes"]  # (2 + 1) halved
    assert book["cy"]["total"] == "3"
    grades = {r["student"]: r for r in rows(tmp_path / "grades.csv")}
    assert (grades["bob"]["late"], grades["bob"]["penalty"], grades["bob"]["total_max"]) == (
        "late",
        "1.5",
        "4",
    )
    assert "score: 0.5" in answers.read_text()  # kept when the file was written again
    (tmp_path / "hand.csv").write_text("student,set,cell,score\nbob,00_tiny,c5,2\nzed,00_tiny,c5,1\n")
    with pytest.raises(IdentityError) as caught:
        gradebook.write_tables(tmp_path, records, refs, settings=settings)
    assert "expected 0 to 1 points, got 2" in str(caught.value) and "zed" in str(caught.value)


def test_canvas_file_from_canvas_export_keeps_ids_and_leaves_pending_empty(tmp_path, refs):
    (tmp_path / "export.csv").write_text(EXPORT)
    (tmp_path / "hand.csv").write_text("student,set,cell,score\nann,00_tiny,c5,1\n")
    settings = dict(
        canvas_export=str(tmp_path / "export.csv"),
        canvas_columns={"00_tiny": "4711"},
        scores_csv=str(tmp_path / "hand.csv"),
    )
    records = [record("ann"), record("bob"), record("=cmd|' /C calc'!A0")]
    people = gradebook.read_roster(tmp_path / "export.csv")
    warnings = gradebook.write_tables(tmp_path, records, refs, people, settings)
    table = list(csv.reader(open(tmp_path / "canvas.csv")))
    assert table[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "Week 0: Tiny exercises (4711)",
    ]
    assert table[1][0] == "Points Possible" and table[1][-1] == "4"
    assert ["Ann, A", "11", "S1", "ann", "A", "4"] in table
    assert ["Bob, B", "12", "S2", "bob", "A", ""] in table  # written answer not scored yet
    assert ["Nosub, N", "13", "S3", "nosub", "B", ""] in table
    assert any("not in Canvas's export" in w for w in warnings) and any(
        "without a score" in w for w in warnings
    )
    for name in ("grades.csv", "gradebook.csv", "canvas.csv"):
        assert not any(
            v.startswith(("=", "+", "-", "@")) for row in csv.reader(open(tmp_path / name)) for v in row
        )


def test_canvas_export_without_a_matching_column_names_the_columns(tmp_path, refs):
    (tmp_path / "export.csv").write_text(EXPORT)
    with pytest.raises(IdentityError, match="--canvas-column"):
        gradebook.write_tables(
            tmp_path, [record("ann")], refs, settings=dict(canvas_export=str(tmp_path / "export.csv"))
        )


def test_gradescope_results_and_feedback_name_exercises_by_title(tmp_path, refs):
    r = record("ann", points=2.0)
    r["checks"][1]["message"] = "<script>alert(1)</script>"
    gradebook.write_tables(tmp_path, [r], refs)
    result = json.loads((tmp_path / "gradescope" / "ann" / "00_tiny" / "results.json").read_text())
    assert [t["name"] for t in result["tests"]] == [
        "Exercise 1. Double, check 1",
        "Exercise 2. Half, check 1",
        "Exercise 1. Double, written answer",
    ]
    assert [t["score"] for t in result["tests"]] == [2.0, 0, 0] and result["score"] == 2.0
    assert {"score", "execution_time", "output", "tests"} <= set(result)
    nb = nbformat.from_dict(refs["00_tiny"].exercise_nb)
    page = feedback.page(r, nb, refs["00_tiny"])
    assert "<script>" not in page and "&lt;script&gt;" in page and "Exercise 2. Half, check 1" in page
    assert page.index("def half") < page.index("Exercise 2. Half, check 1: failed")  # under its cell


def test_copies_of_the_model_answers_or_of_a_classmate_are_flagged(tmp_path):
    solution = tiny_solution()
    long_body = "total = 0\nfor step in range(2):\n    total = total + x\nassert total == 2 * x\nreturn total"
    solution.cells[3].source = "def double(x):\n    ### BEGIN SOLUTION\n" + "\n".join(
        "    " + ln for ln in long_body.split("\n")
    )
    solution.cells[3].source += "\n    ### END SOLUTION"
    solution.cells[5].source = (
        "Why?\n\n### BEGIN SOLUTION\n" + "Because a doubling is a sum of two copies. " * 3
    )
    solution.cells[5].source += "\n### END SOLUTION"
    exercise = make_book(tmp_path, solution)
    ref = load_references(tmp_path)["00_tiny"]
    renamed = long_body.replace("total", "acc").replace("step", "i")  # other names, same code
    copier = submission(exercise, renamed)
    next(c for c in copier.cells if c.id == "c5").source = "because a doubling is a sum of two copies " * 3
    honest = submission(
        exercise, "acc = x\nfor _ in range(1):\n    acc += x\nprint('doubled', acc, x)\nreturn acc"
    )
    twin = copy.deepcopy(honest)
    records = [
        dict(student=s, set="00_tiny", counts=True, fingerprints=similarity.fingerprints(nb, ref))
        for s, nb in (("copier", copier), ("honest", honest), ("twin", twin), ("blank", exercise))
    ]
    flags = similarity.flags(records, {"00_tiny": ref})
    assert flags[("copier", "00_tiny")].startswith("model answers 2/2")
    assert flags[("honest", "00_tiny")] == "twin 1/1" and ("blank", "00_tiny") not in flags


def test_output_files_are_group_readable(tmp_path, refs):
    gradebook.write_tables(tmp_path, [record("ann")], refs)
    for name in ("grades.csv", "gradebook.csv", "canvas.csv", "results.jsonl"):
        assert (tmp_path / name).stat().st_mode & stat.S_IRGRP, name


def test_a_passed_self_test_is_remembered_until_the_solution_changes(tmp_path, refs):
    calls = []

    def fake_grade(sub, refs_, options):
        calls.append(sub["set"])
        return dict(points=3.0, max_points=3.0, status="ok", seconds=0.1, checks=[])

    options = dict(max_bytes=2**20, quick=True, bwrap=None)
    for _ in range(2):
        selftest.run(refs, {"00_tiny"}, options, fake_grade, cache=tmp_path / "cache", log=lambda *a: None)
    assert calls == ["00_tiny"]
    path = refs["00_tiny"].solution_path
    path.write_text(path.read_text().replace("return x / 2", "return x * 0.5"))
    changed = load_references(path.parents[1])
    selftest.run(changed, {"00_tiny"}, options, fake_grade, cache=tmp_path / "cache", log=lambda *a: None)
    assert calls == ["00_tiny", "00_tiny"]


def test_nbgrader_release_step_gives_the_books_student_version():
    nbgrader_plugin = pytest.importorskip("rnnlab.tools.nbgrader_plugin")
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        release, _ = nbgrader_plugin.HintedClearSolutions().preprocess(nbformat.read(path, as_version=4), {})
        student = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
        assert [(c.cell_type, c.id, c.source) for c in release.cells] == [
            (c.cell_type, c.id, c.source) for c in student.cells
        ], path.name
