"""Who a file belongs to, which file counts, renamed copies, late files, --sets, the exit summary
(no kernel runs here)."""

import os

import nbformat
import pytest

from grading_fixtures import make_book
from rnnlab.tools import grade, grade_cli, submissions
from rnnlab.tools.canvas import read_roster
from rnnlab.tools.references import SetupError, load_references
from rnnlab.tools.submissions import IdentityError

EXPORT = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Week 0: Tiny (4711),Quiz (4712),Current Score\n"
    "    Points Possible,,,,,4,10,(read only)\n"
    '"Wei, Li",101,S1,lwei1,A,,,\n'
    '"Wei, Li",102,S2,lwei2,A,,,\n'
    '"Doe, Jane",23456,S3,jdoe,B,,,\n'
    '"Student, Test",999,,,,,,\n'
)


@pytest.fixture
def book(tmp_path):
    exercise = make_book(tmp_path / "book")
    return load_references(tmp_path / "book"), exercise


def put(root, rel, nb, mtime=None):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    if mtime:
        os.utime(path, (mtime, mtime))


def found(tmp_path, refs, people=None, sets=None):
    return {f["file"]: f for f in grade.find(tmp_path / "subs", refs, 2**20, people, sets)}


def test_two_names_that_sanitise_alike_stop_the_run_naming_both(tmp_path, book):
    refs, exercise = book
    put(tmp_path / "subs", "li wei/00_tiny.ipynb", exercise)
    put(tmp_path / "subs", "li_wei/00_tiny.ipynb", exercise)
    with pytest.raises(IdentityError) as caught:
        found(tmp_path, refs)
    assert "li wei/00_tiny.ipynb" in str(caught.value) and "li_wei/00_tiny.ipynb" in str(caught.value)


def test_a_roster_name_cannot_be_taken_by_a_lookalike_folder(tmp_path, book):
    refs, exercise = book
    put(tmp_path / "subs", "li wei/00_tiny.ipynb", exercise)
    put(tmp_path / "subs", "li_wei/00_tiny.ipynb", exercise)
    (tmp_path / "roster.csv").write_text("student,name,id\nli_wei,Li Wei,7\n")
    with pytest.raises(IdentityError, match="li wei"):
        found(tmp_path, refs, read_roster(tmp_path / "roster.csv"))


def test_two_canvas_students_with_one_name_need_the_export_and_then_stay_apart(tmp_path, book):
    refs, exercise = book
    put(tmp_path / "subs", "weili_101_5_00_tiny.ipynb", exercise)
    put(tmp_path / "subs", "weili_102_6_00_tiny.ipynb", exercise)
    with pytest.raises(IdentityError, match="Canvas id 102"):
        found(tmp_path, refs)
    (tmp_path / "export.csv").write_text(EXPORT)
    people = read_roster(tmp_path / "export.csv")  # Canvas's own export as the roster (D17)
    assert [p["student"] for p in people] == ["lwei1", "lwei2", "jdoe"]
    subs = found(tmp_path, refs, people)
    assert subs["weili_101_5_00_tiny.ipynb"]["student"] == "lwei1"
    assert subs["weili_102_6_00_tiny.ipynb"]["student"] == "lwei2"
    assert all(s["counts"] for s in subs.values())


def test_a_roster_without_a_student_column_is_an_error(tmp_path):
    (tmp_path / "roster.csv").write_text("Name,Email\nAnn,a@x\n")
    with pytest.raises(IdentityError, match="expected a `student` column"):
        read_roster(tmp_path / "roster.csv")


def test_the_latest_file_counts_and_the_others_stay_as_rows(tmp_path, book):
    refs, exercise = book
    subs = tmp_path / "subs"
    put(subs, "alice/00_tiny.ipynb", exercise, mtime=2_000_000_000)  # newer file time
    put(subs, "alice__00_tiny.ipynb", exercise, mtime=1_000_000_000)
    put(subs, "doejane_23456_900_00_tiny.ipynb", exercise, mtime=2_000_000_000)
    put(subs, "doejane_late_23456_901_00_tiny-1.ipynb", exercise, mtime=1_000_000_000)
    put(subs, "bob/00_tiny.ipynb", exercise, mtime=1_000_000_000)
    put(subs, "bob/00_tiny-2.ipynb", exercise, mtime=1_000_000_000)  # resubmission number wins
    for _ in range(2):  # the same choice on every run
        f = found(tmp_path, refs)
        assert [k for k, s in sorted(f.items()) if s["counts"]] == [
            "alice/00_tiny.ipynb",
            "bob/00_tiny-2.ipynb",
            "doejane_late_23456_901_00_tiny-1.ipynb",  # Canvas's larger file number, though older
        ]
        assert f["alice__00_tiny.ipynb"]["superseded_by"] == "alice/00_tiny.ipynb"
        assert f["doejane_late_23456_901_00_tiny-1.ipynb"]["late"] is True
        assert f["doejane_23456_900_00_tiny.ipynb"]["late"] is False


@pytest.mark.parametrize(
    "stem, expected",
    [
        ("05_bptt (1)", "05_bptt"),
        ("05_bptt-Copy1", "05_bptt"),
        ("05_bptt-Copy1 (2)", "05_bptt"),
        ("Copy of 05_bptt", "05_bptt"),
        ("05_bptt_v2", "05_bptt"),
        ("05_bptt-3", "05_bptt"),
        ("06_gru", ""),
        ("bptt", ""),
    ],
)
def test_renamed_copies_map_to_their_set_with_a_note(stem, expected):
    name, _, note = submissions.match_set(stem, {"05_bptt"})
    assert name == expected
    assert bool(note) == (expected != "" and stem not in ("05_bptt-3",))


def test_sets_grades_one_set_and_an_unknown_set_is_an_error(tmp_path, book):
    refs, exercise = book
    put(tmp_path / "subs", "ann/00_tiny.ipynb", exercise)
    assert len(found(tmp_path, refs, sets=["00_tiny"])) == 1
    with pytest.raises(SetupError, match="--sets names no exercise set"):
        found(tmp_path, refs, sets=["05_bptt"])


def test_a_run_with_rejected_files_exits_non_zero_naming_them(capsys):
    records = [
        dict(student="a", set="00_tiny", file="a/00_tiny.ipynb", status="ok"),
        dict(student="b", set="?", file="b/notes.ipynb", status="rejected: no exercise set named 'notes'"),
    ]
    with pytest.raises(SystemExit) as caught:
        grade_cli.summary(records)
    err = capsys.readouterr().err
    assert caught.value.code == 3 and "1 file(s) rejected" in err and "b/notes.ipynb" in err
    grade_cli.summary(records[:1])  # nothing rejected: no exit


def test_a_deleted_check_cell_is_put_back_and_a_crash_is_not_called_not_attempted(book):
    refs, exercise = book
    ref = refs["00_tiny"]
    nb = nbformat.from_dict(exercise)
    check = next(c for c in nb.cells if c.get("id") == ref.checks[0].id)
    nb.cells.remove(check)
    job_checks, checks, _ = grade.prepare(nb, ref)
    assert len(job_checks) == 2 and checks[0].get("restored")
    at = [c.get("id") for c in nb.cells].index(ref.checks[0].id)
    assert nb.cells[at - 1].source.startswith("def double")  # back in its place
    result = dict(
        verdicts={str(at): dict(status="failed", message="NameError: name 'double' is not defined")},
        errors=[(at - 1, "IndexError: list index out of range")],
    )
    records = [dict(checks[0], cell=at)]
    grade.judge(result, records, ref, nb)
    assert records[0]["status"] == "failed" and "raised IndexError" in records[0]["message"]
