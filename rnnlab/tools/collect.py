"""Hand an LMS download to nbgrader: ``python -m rnnlab grade collect DOWNLOAD --course COURSE
--assignment ps05 [--sets 05_bptt] [--roster export.csv]``.

It applies the book's grader's own rules (``submissions.py``): who each file belongs to (Canvas
names, folders, a roster or Canvas's export), renamed copies, one student per name or id (a clash
stops it), the latest file per student and set. The counted file of each student goes to
``COURSE/submitted/STUDENT/ASSIGNMENT/SET.ipynb`` with a ``timestamp.txt`` (the file's time),
where ``nbgrader autograde`` looks; ``COURSE/students.csv`` lists the students for
``nbgrader db student import students.csv``. Rejected and superseded files are listed, not copied.
"""

import csv
import datetime
import pathlib
import shutil

from .canvas import read_roster
from .grade import find
from .references import find_book, load_references


def collect(download, course, assignment, book=None, roster=None, sets=None, max_bytes=20 * 2**20, log=print):
    refs = load_references(find_book(book))
    people = read_roster(roster) if roster else None
    found = find(download, refs, max_bytes, people, sets)
    course, copied = pathlib.Path(course), 0
    for sub in found:
        if sub["problem"] or not sub["counts"]:
            why = sub["problem"] or f"superseded by {sub['superseded_by']}"
            log(f"not copied: {sub['file']}: {why}")
            continue
        folder = course / "submitted" / sub["student"] / assignment
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sub["path"], folder / f"{sub['set']}.ipynb", follow_symlinks=False)
        when = datetime.datetime.fromtimestamp(sub["mtime"], datetime.timezone.utc)
        (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
        copied += 1
        log(
            f"{sub['file']} -> submitted/{sub['student']}/{assignment}/{sub['set']}.ipynb"
            + (" (late)" if sub["late"] else "")
        )
    names = {s["student"]: s for s in found if s["counts"] and not s["problem"]}
    with open(course / "students.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "last_name", "first_name", "email"])
        listed = {p["student"]: p for p in people or []}
        for key in sorted(set(names) | set(listed)):
            name = listed.get(key, {}).get("name", "")
            last, _, first = name.partition(",")
            writer.writerow([key, last.strip(), first.strip(), ""])
    log(
        f"copied {copied} notebook(s); the students are in {course / 'students.csv'} "
        "(`nbgrader db student import students.csv`)"
    )
    return copied
