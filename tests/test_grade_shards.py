"""Shards graded separately and merged give the same tables as one run."""

import concurrent.futures
import csv
import subprocess
import sys

import nbformat
import pytest

from grading_fixtures import make_book, submission
from rnnlab.tools import grade
from rnnlab.tools.sandbox import bwrap_path

pytestmark = pytest.mark.skipif(bwrap_path() is None, reason="needs a working bubblewrap (bwrap)")


def table(path, drop=("seconds",)):
    rows = list(csv.DictReader(open(path)))
    return [{k: v for k, v in row.items() if k not in drop} for row in rows]


def test_shards_merge_into_the_table_of_one_run(tmp_path):
    exercise = make_book(tmp_path / "book")
    subs = tmp_path / "subs"
    for student, body in (("ann", "return 2 * x"), ("bob", "return x + 2"), ("cy", None)):
        (subs / student).mkdir(parents=True)
        nb = submission(exercise, body) if body else nbformat.from_dict(exercise)
        nbformat.write(nb, subs / student / "00_tiny.ipynb")
    options = dict(book=tmp_path / "book", self_check=False, timeout=30, quick=True, log=lambda *a: None)
    grade.grade_class(subs, tmp_path / "one", jobs=2, **options)
    # the two shards at once, as two machines would run them (and both cores work)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = [
            pool.submit(grade.grade_class, subs, tmp_path / f"shard{i}", shard=(i, 2), **options)
            for i in (1, 2)
        ]
        for run in runs:
            run.result()
    assert len(table(tmp_path / "shard1" / "grades.csv")) == 2
    assert len(table(tmp_path / "shard2" / "grades.csv")) == 1
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rnnlab",
            "grade",
            "merge",
            str(tmp_path / "shard1"),
            str(tmp_path / "shard2"),
            "--out",
            str(tmp_path / "merged"),
            "--book",
            str(tmp_path / "book"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for name in ("grades.csv", "gradebook.csv", "canvas.csv"):
        assert table(tmp_path / "merged" / name) == table(tmp_path / "one" / name), name
    assert [r["points"] for r in table(tmp_path / "one" / "grades.csv")] == ["3", "1", "0"]
    assert (tmp_path / "merged" / "feedback" / "bob" / "00_tiny.md").exists()
