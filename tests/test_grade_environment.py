"""Faults of the grading machine are the grader's errors, never the student's; --no-sandbox says so."""

import nbformat
import pytest

from grading_fixtures import make_book, submission, tiny_solution
from rnnlab.tools import grade
from rnnlab.tools.references import SetupError
from rnnlab.tools.sandbox import bwrap_path

V4 = nbformat.v4


@pytest.mark.skipif(bwrap_path() is None, reason="needs a working bubblewrap (bwrap)")
def test_missing_corpora_stop_grading_before_any_student(tmp_path):
    solution = tiny_solution()
    solution.cells.insert(
        2, V4.new_code_cell("import rnnlab\ntext = rnnlab.corpus_path('time_machine')", id="corpus")
    )
    exercise = make_book(tmp_path / "book", solution)
    (tmp_path / "subs" / "ann").mkdir(parents=True)
    nbformat.write(submission(exercise), tmp_path / "subs" / "ann" / "00_tiny.ipynb")
    (tmp_path / "no-data").mkdir()
    with pytest.raises(SetupError, match="does not get full marks") as caught:
        grade.grade_class(
            tmp_path / "subs",
            tmp_path / "out",
            book=tmp_path / "book",
            quick=True,
            timeout=60,
            data_dir=str(tmp_path / "no-data"),
            log=lambda *a: None,
        )
    assert "raised CorpusError" in str(caught.value)  # the grader's own check, before any student
    assert not (tmp_path / "out" / "grades.csv").exists()  # no student was graded


def test_no_sandbox_is_written_on_every_row(tmp_path):
    exercise = make_book(tmp_path / "book")
    (tmp_path / "subs" / "ann").mkdir(parents=True)
    nbformat.write(submission(exercise), tmp_path / "subs" / "ann" / "00_tiny.ipynb")
    records = grade.grade_class(
        tmp_path / "subs",
        tmp_path / "out",
        book=tmp_path / "book",
        quick=True,
        timeout=60,
        no_sandbox=True,
        self_check=False,
        log=lambda *a: None,
    )
    assert [(r["points"], r["sandbox"]) for r in records] == [(3, "none (--no-sandbox)")]
    assert "none (--no-sandbox)" in (tmp_path / "out" / "grades.csv").read_text()
