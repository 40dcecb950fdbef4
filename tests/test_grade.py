"""The grader on real bad submissions, built here around a tiny exercise so it runs in seconds."""
import csv
import subprocess
import sys

import nbformat
import pytest

from rnnlab.tools.assign import make_exercise
from rnnlab.tools.grade import grade_folder

V4 = nbformat.v4
# The tiny exercise imports nothing heavy: the grader only reads the PASSED line and the error name.
CHECK = ("class CheckFailed(AssertionError):\n    pass\n"
         "if double(3) != 6:\n"
         "    raise CheckFailed(f'double(3)\\n  expected: 6\\n  got:      {double(3)}\\n  likely cause: add, not multiply')\n"
         "print('PASSED: double(3) == 6')")


def tiny_solution():
    def code(source, tags=()):
        return V4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {})
    nb = V4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                  "language": "python"}})
    nb.cells = [V4.new_markdown_cell("# 0. Tiny"),
                code("def double(x):\n    ### BEGIN SOLUTION\n    # HINT: multiply\n    return 2 * x\n    ### END SOLUTION"),
                code(CHECK, ["check"]),
                code("def half(x):\n    ### BEGIN SOLUTION\n    return x / 2\n    ### END SOLUTION"),
                code("assert half(4) == 2, 'half(4) should be 2'\nprint('PASSED: half(4) == 2')", ["check"])]
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i}"
    return nb


def submission(exercise, double_body, half_body="return x / 2"):
    nb = nbformat.from_dict(exercise)
    for cell in nb.cells:
        if cell.source.startswith("def double"):
            cell.source = "def double(x):\n" + "\n".join("    " + line for line in double_body.split("\n"))
        elif cell.source.startswith("def half") and half_body is not None:
            cell.source = f"def half(x):\n    {half_body}"
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("grading")
    exercise = make_exercise(tiny_solution(), "exercises/00_tiny.ipynb")
    (root / "exercises").mkdir()
    nbformat.write(exercise, root / "exercises" / "00_tiny.ipynb")
    subs = root / "submissions"
    cases = {
        "correct": "return 2 * x",
        "wrong": "return x + 2",
        "exception": "return undefined_name * x",
        "loops": "while True:\n    pass",
        "exits": "import os\nos._exit(1)",
        "chatty": "for i in range(20000):\n    print('spam' * 50)\nreturn 2 * x",
        "greedy": "big = bytearray(3 * 2**30)\nreturn 2 * x",
    }
    for student, body in cases.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(submission(exercise, body), subs / student / "00_tiny.ipynb")
    nbformat.write(exercise, subs / "lazy__00_tiny.ipynb")
    cheat = submission(exercise, "return 0")
    for cell in cheat.cells:
        if "check" in cell.metadata.get("tags", []):
            cell.source = "print('PASSED: trust me')"
    nbformat.write(cheat, subs / "cheat__00_tiny.ipynb")
    (subs / "broken__00_tiny.ipynb").write_text('{"cells": [ this is not JSON')
    before = {p: p.read_bytes() for p in subs.rglob("*.ipynb")}
    results = grade_folder(subs, root / "grades.csv", exercises=root / "exercises", timeout=5,
                           memory_gb=2, max_output=100_000)
    rows = {row["student"]: row for row in csv.DictReader(open(root / "grades.csv"))}
    return root, results, rows, before


def test_every_submission_gets_a_row(graded):
    _, _, rows, _ = graded
    assert set(rows) == {"correct", "wrong", "exception", "loops", "exits", "chatty", "greedy",
                         "lazy", "cheat", "broken"}
    assert all(row["total"] == "2" and row["exercise"] == "00_tiny" for row in rows.values())


def test_correct_and_wrong(graded):
    root, results, rows, _ = graded
    assert rows["correct"]["passed"] == "2" and rows["correct"]["status"] == "ok"
    assert rows["wrong"]["passed"] == "1" and rows["wrong"]["failed"] == "1"
    feedback = (root / "grades_feedback" / "wrong" / "00_tiny.md").read_text()
    assert "expected: 6" in feedback and "got:      6" not in feedback and "add, not multiply" in feedback
    assert "1 of 2 checks passed" in feedback


def test_exception_and_unattempted(graded):
    _, results, rows, _ = graded
    assert rows["exception"]["passed"] == "1"
    r = next(r for r in results if r.student == "exception")
    assert "NameError" in r.checks[0].message
    assert rows["lazy"]["passed"] == "0" and rows["lazy"]["not_attempted"] == "2"


def test_infinite_loop_times_out_and_grading_goes_on(graded):
    _, results, rows, _ = graded
    assert rows["loops"]["status"].startswith("timeout") and rows["loops"]["passed"] == "0"
    r = next(r for r in results if r.student == "loops")  # the loop runs when the first check calls double()
    assert r.checks[0].status == "failed" and "time limit" in r.checks[0].message
    assert r.checks[1].status == "not run"
    assert float(rows["loops"]["seconds"]) < 60


def test_dead_kernel(graded):
    _, _, rows, _ = graded
    assert rows["exits"]["status"].startswith("kernel died") and rows["exits"]["passed"] == "0"


def test_output_is_capped_and_verdicts_kept(graded):
    _, results, rows, _ = graded
    assert "output capped" in rows["chatty"]["status"] and rows["chatty"]["passed"] == "2"


def test_memory_limit(graded):
    _, results, rows, _ = graded
    r = next(r for r in results if r.student == "greedy")
    assert rows["greedy"]["passed"] == "1" and "MemoryError" in r.checks[0].message


def test_malformed_file(graded):
    _, _, rows, _ = graded
    assert rows["broken"]["status"].startswith("invalid notebook") and rows["broken"]["not_run"] == "2"


def test_edited_checks_are_restored(graded):
    _, _, rows, _ = graded
    assert rows["cheat"]["passed"] == "1"  # half() is right; the faked double check is replaced


def test_submissions_are_never_modified(graded):
    *_, before = graded
    assert all(p.read_bytes() == data for p, data in before.items())


def test_command_line(tmp_path):
    exercise = make_exercise(tiny_solution(), "exercises/00_tiny.ipynb")
    (tmp_path / "exercises").mkdir()
    nbformat.write(exercise, tmp_path / "exercises" / "00_tiny.ipynb")
    (tmp_path / "subs" / "ann").mkdir(parents=True)
    nbformat.write(submission(exercise, "return 2 * x"), tmp_path / "subs" / "ann" / "00_tiny.ipynb")
    done = subprocess.run([sys.executable, "-m", "rnnlab", "grade", "subs", "--out", "g.csv", "--timeout", "20"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "[1/1] ann 00_tiny: 2/2 checks passed, ok" in done.stdout
    assert (tmp_path / "g_feedback" / "ann" / "00_tiny.md").exists()
