"""Submissions on disk in, grade tables out.

Finding submissions: ``STUDENT/SET.ipynb``, ``STUDENT__SET.ipynb`` or a Canvas bulk-download
name (``doejane_12345_678901_05_bptt.ipynb``, ``doejane_late_12345_678901_05_bptt-1.ipynb``).
Every ``*.ipynb`` entry becomes a record, whatever it is: symbolic links, FIFOs, devices,
folders and files over the size limit are never opened and get a "rejected" status.
Names are sanitised before they reach a path or a table.

Writing: ``results.jsonl`` (one record per submission, the source of every table), ``grades.csv``
(one row per submission), ``gradebook.csv`` (one row per student, a column per exercise),
``canvas.csv`` (Canvas's gradebook import format), ``answers/`` (every written answer, one file
per exercise) and ``feedback/STUDENT/SET.md``. Each file is replaced atomically after every
graded submission, so a crash loses nothing and a re-run resumes.
"""

import csv
import io
import json
import os
import pathlib
import re
import stat
import tempfile

CANVAS = re.compile(r"^(?P<login>[A-Za-z0-9]+)(?:_LATE|_late)?_(?P<id>\d+)_(?P<sub>\d+)_(?P<file>.+)$")
RESUBMISSION = re.compile(r"-\d+$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_name(raw):
    """A name fit for a path and a spreadsheet: letters, digits, ``._-``; no leading dot or dash."""
    name = re.sub(r"[^A-Za-z0-9._-]", "_", str(raw))[:80].replace("..", "__")
    name = re.sub(r"^[.\-]+", lambda m: "_" * len(m.group()), name)
    return name or "_"


def cell(value):
    """A CSV cell that no spreadsheet evaluates as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def parse_name(rel, known):
    """(student, set, canvas id) from a path relative to the submissions folder."""
    parts, stem = rel.parts, rel.name[: -len(".ipynb")]
    if len(parts) >= 2:
        return parts[0], RESUBMISSION.sub("", stem), ""
    canvas = CANVAS.match(stem)
    if canvas and RESUBMISSION.sub("", canvas.group("file")) in known:
        return canvas.group("login"), RESUBMISSION.sub("", canvas.group("file")), canvas.group("id")
    if "__" in stem:
        student, exercise = stem.split("__", 1)
        return student, RESUBMISSION.sub("", exercise), ""
    return stem, "", ""


def discover(root, known, max_bytes):
    """[dict(raw_student, student, set, path, canvas_id, problem)] for every *.ipynb entry."""
    root, found = pathlib.Path(root), []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d != ".ipynb_checkpoints" and not d.endswith(".ipynb"))
        entries = files + [d for d in os.listdir(folder) if d.endswith(".ipynb") and d not in files]
        for name in sorted(set(entries)):
            if not name.endswith(".ipynb"):
                continue
            path = pathlib.Path(folder) / name
            student, exercise, canvas_id = parse_name(path.relative_to(root), known)
            info = os.lstat(path)
            problem = ""
            if stat.S_ISLNK(info.st_mode):
                problem = "rejected: a symbolic link (never followed)"
            elif not stat.S_ISREG(info.st_mode):
                problem = "rejected: not a regular file (a folder, FIFO, socket or device)"
            elif info.st_size > max_bytes:
                problem = f"rejected: larger than the {max_bytes / 2**20:g} MB limit"
            elif exercise not in known:
                problem = (
                    "rejected: no exercise set named " + repr(exercise)[:60]
                    if exercise
                    else "rejected: name it STUDENT/SET.ipynb, STUDENT__SET.ipynb or use Canvas's names"
                )
            found.append(
                dict(
                    raw_student=student,
                    set=exercise or "?",
                    path=str(path),
                    canvas_id=canvas_id,
                    problem=problem,
                )
            )
    taken = {}
    for sub in found:
        name = safe_name(sub["raw_student"])
        while taken.setdefault(name, sub["raw_student"]) != sub["raw_student"]:
            name += "-2"
        sub["student"] = name
        sub["set"] = safe_name(sub["set"])
    return found


def read_regular(path, max_bytes):
    """The bytes of ``path`` if it is a regular file (no link followed) within the limit."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError("not a regular file")
        data = os.read(fd, max_bytes + 1)
        if len(data) > max_bytes:
            raise OSError("over the size limit")
        return data
    finally:
        os.close(fd)


def write_atomic(path, text):
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", newline="") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell(h) for h in header])
    writer.writerows([[cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def read_records(out):
    path = pathlib.Path(out) / "results.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def read_roster(path):
    """[dict(student, name, id, sis_id, section)] from a CSV with at least a ``student`` column."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        dict(
            student=safe_name(r["student"]),
            name=r.get("name", ""),
            id=r.get("id", ""),
            sis_id=r.get("sis_id", ""),
            section=r.get("section", ""),
        )
        for r in rows
        if r.get("student")
    ]


def _fmt(x):
    return f"{x:g}"


def write_tables(out, records, references, roster=None):
    """(Re)write every table of ``out`` from ``records``."""
    out = pathlib.Path(out)
    records = sorted(records, key=lambda r: (r["student"], r["set"]))
    write_atomic(out / "results.jsonl", "".join(json.dumps(r, sort_keys=True) + "\n" for r in records))
    long_rows = [
        [
            r["student"],
            r["set"],
            _fmt(r["points"]),
            _fmt(r["max_points"]),
            sum(c["status"] == "passed" for c in r["checks"]),
            len(r["checks"]),
            sum(c["status"] == "failed" for c in r["checks"]),
            sum(c["status"] == "not attempted" for c in r["checks"]),
            sum(c["status"] == "not run" for c in r["checks"]),
            sum(a["answered"] for a in r["answers"]),
            len(r["answers"]),
            r["status"],
            r["sandbox"],
            f"{r['seconds']:.1f}",
            r.get("feedback", ""),
        ]
        for r in records
    ]
    write_atomic(
        out / "grades.csv",
        _csv(
            [
                "student",
                "set",
                "points",
                "max_points",
                "passed",
                "checks",
                "failed",
                "not_attempted",
                "not_run",
                "answered",
                "answers",
                "status",
                "sandbox",
                "seconds",
                "feedback",
            ],
            long_rows,
        ),
    )
    sets = sorted({r["set"] for r in records if r["set"] in references})
    columns = [
        (s, e)
        for s in sets
        for e in references[s].exercises
        if any(c.exercise == e for c in references[s].checks)
    ]
    students = {
        r["student"]: dict(student=r["student"], id=r.get("canvas_id", ""), name="", sis_id="", section="")
        for r in records
    }
    for person in roster or []:
        students.setdefault(person["student"], person).update({k: v for k, v in person.items() if v})
    by_key = {(r["student"], r["set"]): r for r in records}
    wide, canvas = [], []
    for name in sorted(students):
        person, row, notes, total = students[name], [name, students[name]["id"]], [], 0.0
        for s in sets:
            r = by_key.get((name, s))
            if r is None:
                notes.append(f"{s}: missing")
            elif r["status"] != "ok":
                notes.append(f"{s}: {r['status']}")
        notes += [
            f"{r['set']}: {r['status']}" for r in records if r["student"] == name and r["set"] not in sets
        ]
        for s, e in columns:
            r = by_key.get((name, s))
            points = r["exercises"].get(e) if r else None
            row.append("" if points is None else _fmt(points))
            total += points or 0.0
        set_points = [by_key[(name, s)]["points"] if (name, s) in by_key else "" for s in sets]
        row += [_fmt(total), "; ".join(notes) or "ok"]
        wide.append(row)
        canvas.append(
            [
                person.get("name") or name,
                person.get("id", ""),
                person.get("sis_id", ""),
                name,
                person.get("section", ""),
            ]
            + [_fmt(p) if p != "" else "" for p in set_points]
        )
    write_atomic(
        out / "gradebook.csv",
        _csv(
            ["student", "id"]
            + [f"{s}: {e} ({_fmt(references[s].max_points(e))})" for s, e in columns]
            + ["total", "notes"],
            wide,
        ),
    )
    possible = ["Points Possible", "", "", "", ""] + [_fmt(references[s].max_points()) for s in sets]
    write_atomic(
        out / "canvas.csv",
        _csv(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + sets, [possible] + canvas),
    )
    write_answers(out, records, references)


def write_answers(out, records, references):
    """answers/SET__Exercise_N.md: each student's written answers, for grading by hand."""
    texts = {}
    for r in records:
        for a in r["answers"]:
            key = (r["set"], a["exercise"])
            body = a["text"].strip() if a["answered"] else "(unchanged: not answered)"
            texts.setdefault(key, []).append(f"## {r['student']} (cell {a['id']})\n\nscore: \n\n{body}\n")
    for (s, e), parts in texts.items():
        title = f"# Written answers: {s}, {e}\n\nFill in each score; the points are in the solutions.\n\n"
        write_atomic(
            pathlib.Path(out) / "answers" / f"{safe_name(s)}__{safe_name(e)}.md", title + "\n".join(parts)
        )
