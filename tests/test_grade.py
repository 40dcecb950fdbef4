"""The hostile submissions below (each names the attack it tries), graded in the sandbox on throwaway
copies of the book and package.

One run of ``python -m rnnlab grade`` (two jobs) grades a class of attackers and honest students;
the tests below read its tables. The package the kernels import is a copy made for this run.
"""

import csv
import hashlib
import json
import os
import subprocess
import sys

import nbformat
import pytest

from grading_fixtures import copy_package, make_book, submission
from rnnlab.tools.sandbox import bwrap_path

pytestmark = [
    pytest.mark.skipif(bwrap_path() is None, reason="needs a working bubblewrap (bwrap)"),
    pytest.mark.xdist_group("grade-class"),
]  # one worker grades the class once
MARKER = "987654321"  # argv of the detached process a submission leaves behind


def attacks(book, subs, pkg):
    core = pkg / "rnnlab" / "checks" / "core.py"
    victim = subs / "correct" / "00_tiny.ipynb"
    return {
        # the kernel's own tricks, each with double() wrong
        "rebind": "class Fake:\n    def __getattr__(self, name):\n"
        "        return lambda *a, **k: print('PASSED: fake')\nchecks = Fake()",
        "patch": "import rnnlab.checks, rnnlab.checks.core as core\n"
        "for m in (rnnlab.checks, core):\n"
        "    m.fail = lambda *a, **k: None\n    m.passed = lambda w: print('PASSED: ' + w)",
        "excepthook": "def handler(self, etype, value, tb, tb_offset=None):\n"
        "    print('PASSED: swallowed')\n    return []\n"
        "get_ipython().set_custom_exc((Exception,), handler)",
        "transformer": "get_ipython().input_transformers_cleanup.append(\n"
        "    lambda lines: [\"print('PASSED: transformed')\\n\"])",
        "torchpatch": "import builtins\nbuiltins.print = builtins.print\nclass Six(int):\n"
        "    def __ne__(self, other):\n        return False\n"
        "import rnnlab.checks.core as c\nc.CheckFailed = Exception",
        # the disk: the book, the package, the solutions, other students, the output
        "rewriter": f"import pathlib\nfor p in [{str(core)!r}, "
        f"{str(book / 'exercises' / '00_tiny.ipynb')!r}]:\n"
        "    try:\n        open(p, 'a').write('\\nchecks_ok = True\\n')\n"
        "    except OSError as e:\n        print('blocked', e)",
        "thief": f"import json, pathlib\nsol = pathlib.Path({str(book / 'solutions' / '00_tiny.ipynb')!r})\n"
        "if sol.exists():\n    exec(json.loads(sol.read_text())['cells'][3]['source'])",
        "vandal": f"try:\n    open({str(victim)!r}, 'w').write('{{}}')\nexcept OSError as e:\n"
        "    print('blocked', e)",
        "daemon": "import subprocess, os\n"
        f"subprocess.Popen(['sleep', '{MARKER}'], start_new_session=True)\n"
        "pid = os.fork()\nif pid == 0:\n    os.setsid()\n    import time\n    time.sleep(3)\n"
        f"    open({str(book.parent / 'out' / 'grades.csv')!r}, 'w').write('pwned')\n"
        "    os._exit(0)",
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    book, subs, pkg, out = tmp / "book", tmp / "subs", copy_package(tmp / "pkg"), tmp / "out"
    exercise = make_book(book)
    students = {
        "correct": submission(exercise),
        "wrong": submission(exercise, "return x + 2"),
        "blank": nbformat.from_dict(exercise),
        "loops": submission(exercise, "while True:\n    pass"),
        "exits": submission(exercise, "import os\nos._exit(1)"),
        "chatty": submission(exercise, before_checks="for i in range(20000):\n    print('spam' * 50)"),
        "greedy": submission(exercise, "big = bytearray(3 * 2**30)\nreturn 2 * x"),
    }
    for name, attack in attacks(book, subs, pkg).items():
        students[name] = submission(exercise, "return 0", before_checks=attack)
    cheat = submission(exercise, "return 0")
    for cell in cheat.cells:
        if "check" in cell.metadata.get("tags", []):
            cell.source = "print('PASSED: trust me')"
    students["cheat"] = cheat
    for name, nb in students.items():
        (subs / name).mkdir(parents=True)
        nbformat.write(nb, subs / name / "00_tiny.ipynb")
    (subs / "broken__00_tiny.ipynb").write_text('{"cells": [ this is not JSON')
    malformed = json.loads(nbformat.writes(submission(exercise)))
    del malformed["cells"][3]["source"]  # a code cell without source (the imports survive)
    (subs / "malformed__00_tiny.ipynb").write_text(json.dumps(malformed))
    os.symlink(book / "solutions" / "00_tiny.ipynb", subs / "linked__00_tiny.ipynb")
    os.symlink("/etc/passwd", subs / "passwd__00_tiny.ipynb")
    os.mkfifo(subs / "fifo__00_tiny.ipynb")
    nbformat.write(submission(exercise), subs / "..__00_tiny.ipynb")
    nbformat.write(submission(exercise), subs / '=HYPERLINK("x")__00_tiny.ipynb')
    nbformat.write(submission(exercise, "return x + 2"), subs / "doejane_12345_678901_00_tiny-1.ipynb")
    (tmp / "roster.csv").write_text("student,name,id\ncorrect,Cor Rect,1\nabsent,Ab Sent,2\n")
    # a working folder whose exercises/ would let every check pass: the grader must not read it
    cwd = tmp / "cwd"
    fake = nbformat.from_dict(exercise)
    for cell in fake.cells:
        if "check" in cell.metadata.get("tags", []):
            cell.source = "print('PASSED: from the working folder')"
    (cwd / "exercises").mkdir(parents=True)
    nbformat.write(fake, cwd / "exercises" / "00_tiny.ipynb")
    before = {p: p.read_bytes() for p in subs.rglob("*.ipynb") if p.is_file() and not p.is_symlink()}
    core_hash = hashlib.sha256((pkg / "rnnlab" / "checks" / "core.py").read_bytes()).hexdigest()
    before[book / "exercises" / "00_tiny.ipynb"] = (book / "exercises" / "00_tiny.ipynb").read_bytes()
    env = dict(os.environ, PYTHONPATH=str(pkg), OMP_NUM_THREADS="1")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rnnlab",
            "grade",
            str(subs),
            "--out",
            str(out),
            "--book",
            str(book),
            "--jobs",
            "2",
            "--timeout",
            "20",
            "--memory-gb",
            "2",
            "--max-output",
            "100000",
            "--roster",
            str(tmp / "roster.csv"),
            "--quick",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    rows = {r["student"]: r for r in csv.DictReader(open(out / "grades.csv"))}
    records = {(r["student"], r["set"]): r for r in map(json.loads, open(out / "results.jsonl"))}
    return dict(
        tmp=tmp,
        out=out,
        done=done,
        rows=rows,
        records=records,
        before=before,
        pkg=pkg,
        core_hash=core_hash,
        book=book,
    )


def status(graded, student):
    return graded["rows"][student]["status"]


def points(graded, student):
    return float(graded["rows"][student]["points"])


def test_run_and_self_test(graded):
    done = graded["done"]
    assert "self-test 00_tiny: the solution gets 3/3, ok" in done.stdout, done.stdout + done.stderr
    # files the grader would not open end the run with a summary naming them, and exit non-zero
    assert done.returncode != 0 and "file(s) rejected" in done.stderr, done.stdout + done.stderr
    assert all(f"{name}__00_tiny.ipynb" in done.stderr for name in ("linked", "passwd", "fifo"))
    assert "with bwrap" in done.stdout


def test_honest_students_and_points(graded):
    assert points(graded, "correct") == 3 and status(graded, "correct") == "ok"
    wrong = graded["records"][("wrong", "00_tiny")]
    assert points(graded, "wrong") == 1 and wrong["exercises"] == {"Exercise 1": 0, "Exercise 2": 1}
    assert "add, not multiply" in wrong["checks"][0]["message"]
    blank = graded["records"][("blank", "00_tiny")]
    assert [c["status"] for c in blank["checks"]] == ["not attempted", "not attempted"]
    assert [a["answered"] for a in blank["answers"]] == [False]
    assert graded["records"][("correct", "00_tiny")]["answers"][0]["answered"] is True


@pytest.mark.parametrize(
    "attacker",
    [
        "rebind",
        "patch",
        "excepthook",
        "transformer",
        "torchpatch",
        "rewriter",
        "thief",
        "vandal",
        "daemon",
        "cheat",
    ],
)
def test_attackers_get_only_what_they_earned(graded, attacker):
    record = graded["records"][(attacker, "00_tiny")]
    # the transformer's own cells stop defining double(): "not attempted"; never "passed"
    assert record["checks"][0]["status"] in ("failed", "not attempted"), record
    assert record["checks"][1]["status"] == "passed", record
    assert points(graded, attacker) == 1


def test_nothing_outside_the_sandbox_changed(graded):
    pkg_core = graded["pkg"] / "rnnlab" / "checks" / "core.py"
    assert hashlib.sha256(pkg_core.read_bytes()).hexdigest() == graded["core_hash"]
    assert all(p.read_bytes() == data for p, data in graded["before"].items())
    assert "pwned" not in (graded["out"] / "grades.csv").read_text()
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert MARKER not in ps


def test_bad_kernels(graded):
    assert status(graded, "loops").startswith("timeout") and points(graded, "loops") == 0
    loops = graded["records"][("loops", "00_tiny")]
    assert "time limit" in loops["checks"][0]["message"] and loops["checks"][1]["status"] == "not run"
    assert status(graded, "exits").startswith("kernel died") and points(graded, "exits") == 0
    assert "output capped" in status(graded, "chatty") and points(graded, "chatty") == 3
    greedy = graded["records"][("greedy", "00_tiny")]
    assert points(graded, "greedy") == 1 and "MemoryError" in greedy["checks"][0]["message"]


def test_files_that_are_not_notebooks(graded):
    assert status(graded, "broken").startswith("invalid notebook")
    assert points(graded, "malformed") == 3  # repaired: the cell without source becomes empty
    assert "symbolic link" in status(graded, "linked") and points(graded, "linked") == 0
    assert "symbolic link" in status(graded, "passwd")
    assert "not a regular file" in status(graded, "fifo")
    assert "root:" not in (graded["out"] / "results.jsonl").read_text()


def test_names_are_sanitised(graded):
    out = graded["out"]
    assert "__" in graded["rows"] and points(graded, "__") == 3  # the student called ".."
    for table in ("grades.csv", "gradebook.csv", "canvas.csv"):
        for row in csv.reader(open(out / table)):
            assert not any(v.startswith(("=", "+", "-", "@")) for v in row), (table, row)
    assert all(out in p.resolve().parents for p in out.rglob("*"))
    assert not (graded["tmp"] / "00_tiny.md").exists()


def test_gradebook_roster_canvas_answers(graded):
    out = graded["out"]
    book = {r["student"]: r for r in csv.DictReader(open(out / "gradebook.csv"))}
    assert book["correct"]["00_tiny: Exercise 1 (2)"] == "2" and book["correct"]["total"] == "3"
    assert book["absent"]["total"] == "0" and "missing" in book["absent"]["notes"]
    assert book["doejane"]["id"] == "12345" and book["doejane"]["total"] == "1"
    canvas = list(csv.reader(open(out / "canvas.csv")))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[1][0] == "Points Possible" and canvas[1][5] == "4"  # 3 for checks, 1 written
    assert ["Cor Rect", "1", "", "correct", "", ""] in canvas  # empty until the answer is scored
    answers = (out / "answers" / "00_tiny__Exercise_1.md").read_text()
    assert "Because doubling is multiplying by two." in answers and "unchanged" in answers
    feedback = (out / "feedback" / "wrong" / "00_tiny.md").read_text()
    assert feedback.count("Exercise 1. Double, check 1: failed") == 1
