"""Grade tables out of the records of a run (``results.jsonl``, one record per submission file).

Writing: ``results.jsonl`` (every table is made from it), ``grades.csv`` (one row per file, the
superseded ones too), ``gradebook.csv`` (one row per student, a column per exercise),
``canvas.csv`` (Canvas's import format, ``canvas.py``), ``answers/`` (written answers to grade by
hand, ``scoring.py``) and ``gradescope/STUDENT/SET/results.json``. Each file is replaced
atomically, readable by the owner's group (the umask decides), so a crash loses nothing and a
re-run resumes. No CSV cell starts like a spreadsheet formula.

Finding submissions and identities is ``submissions.py``'s business (re-exported here).
"""

import csv
import io
import json
import os
import pathlib
import stat
import tempfile

from . import canvas, feedback, scoring, similarity
from .canvas import read_roster  # noqa: F401  (the roster reader callers know from here)
from .submissions import discover, parse_name, safe_name  # noqa: F401

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def cell(value):
    """A CSV cell that no spreadsheet evaluates as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


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
    """Replace ``path`` by ``text`` in one step; the file gets the umask's usual mode (group-readable
    under the common 022 and 002), not mkstemp's owner-only 0600."""
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    os.fchmod(fd, 0o666 & ~_UMASK)
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
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


def record_key(r):
    return (r["student"], r["set"], r.get("file", ""))


def _fmt(x):
    return f"{x:g}"


def write_tables(out, records, references, roster=None, settings=None):
    """(Re)write every table of ``out`` from ``records``; return warnings for the instructor."""
    out, settings = pathlib.Path(out), settings or {}
    records = sorted(records, key=record_key)
    counted = [r for r in records if r.get("counts", True)]
    scores = scoring.collect(out, counted, references, settings.get("scores_csv"))
    penalty = float(settings.get("late_penalty") or 0.0)
    totals = {record_key(r): scoring.total(r, references.get(r["set"]), scores, penalty) for r in records}
    flags = similarity.flags(counted, references)
    write_atomic(out / "results.jsonl", "".join(json.dumps(r, sort_keys=True) + "\n" for r in records))
    write_atomic(out / "grades.csv", _grades_csv(records, totals, flags))
    for path, text in scoring.write_answers(out, counted, references, scores):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
    for r in counted:  # rewritten only when changed: tables are rewritten after every submission
        result = json.dumps(feedback.gradescope(r, references.get(r["set"]), scores), indent=1)
        path = out / "gradescope" / r["student"] / r["set"] / "results.json"
        if not path.exists() or path.read_text(encoding="utf-8") != result:
            write_atomic(path, result)
    return _wide_tables(out, counted, references, roster, settings, totals, flags)


GRADES_HEADER = (
    "student set file counts late points max_points written written_max penalty total total_max passed "
    "checks failed not_attempted not_run answered answers similar_to status sandbox seconds feedback note"
).split()


def _grades_csv(records, totals, flags):
    rows = []
    for r in records:
        t, statuses = totals[record_key(r)], [c["status"] for c in r["checks"]]
        rows.append(
            [r["student"], r["set"], r.get("file", "")]
            + ["yes" if r.get("counts", True) else f"no: superseded by {r.get('superseded_by', '')}"]
            + ["late" if r.get("late") else "", _fmt(r["points"]), _fmt(r["max_points"])]
            + [_fmt(t["written"]) + (f" (+{t['pending']} to grade)" if t["pending"] else "")]
            + [_fmt(t["written_max"]), _fmt(t["penalty"]), _fmt(t["total"]), _fmt(t["total_max"])]
            + [statuses.count("passed"), len(statuses), statuses.count("failed")]
            + [statuses.count("not attempted"), statuses.count("not run")]
            + [sum(a["answered"] for a in r["answers"]), len(r["answers"])]
            + [flags.get((r["student"], r["set"]), ""), r["status"], r["sandbox"], f"{r['seconds']:.1f}"]
            + [r.get("feedback", ""), r.get("note", "")]
        )
    return _csv(GRADES_HEADER, rows)


def _people(records, roster):
    students = {
        r["student"]: dict(student=r["student"], id=r.get("canvas_id", ""), name="", sis_id="", section="")
        for r in records
    }
    for person in roster or []:
        students.setdefault(person["student"], dict(person)).update({k: v for k, v in person.items() if v})
    return students


def _wide_tables(out, counted, references, roster, settings, totals, flags):
    warnings = []
    sets = sorted({r["set"] for r in counted if r["set"] in references})
    columns = [
        (s, e)
        for s in sets
        for e in references[s].exercises
        if any(c.exercise == e for c in references[s].checks)
    ]
    students = _people(counted, roster)
    by_key = {(r["student"], r["set"]): r for r in counted}
    wide, scores, pending = [], {}, 0
    for name in sorted(students):
        row, notes, grand = [name, students[name].get("id", "")], [], 0.0
        for s in sets:
            r = by_key.get((name, s))
            if r is None:
                notes.append(f"{s}: missing")
                continue
            t = totals[record_key(r)]
            grand += t["total"]
            if r["status"] != "ok":
                notes.append(f"{s}: {r['status']}")
            for label, value in (
                ("late", "late" if r.get("late") else ""),
                ("file", r.get("note", "")),
                ("similar to", flags.get((name, s), "")),
                ("written answers to grade", t["pending"] or ""),
            ):
                if value:
                    notes.append(f"{s}: {label}: {value}" if label != "late" else f"{s}: late")
            scores[(name, s)] = "" if t["pending"] else _fmt(t["total"])
            pending += bool(t["pending"])
        notes += [
            f"{r['set']}: {r['status']}" for r in counted if r["student"] == name and r["set"] not in sets
        ]
        for s, e in columns:
            r = by_key.get((name, s))
            points = r["exercises"].get(e) if r else None
            row.append("" if points is None else _fmt(points))
        for s in sets:
            r = by_key.get((name, s))
            row.append(_fmt(totals[record_key(r)]["written"]) if r else "")
        row += [_fmt(grand), "; ".join(notes) or "ok"]
        wide.append(row)
    header = (
        ["student", "id"]
        + [f"{s}: {e} ({_fmt(references[s].max_points(e))})" for s, e in columns]
        + [f"{s}: written ({_fmt(references[s].written_points())})" for s in sets]
        + ["total", "notes"]
    )
    write_atomic(out / "gradebook.csv", _csv(header, wide))
    template = None
    if settings.get("canvas_export"):
        template = canvas.read_export(settings["canvas_export"], sets, settings.get("canvas_columns"))
    people = [students[n] for n in sorted(students)]
    maxima = {s: references[s].total_points() for s in sets}
    c_header, c_rows, c_warnings = canvas.canvas_table(people, sets, scores, maxima, template)
    write_atomic(out / "canvas.csv", _csv(c_header, c_rows))
    warnings += c_warnings
    if pending:
        warnings.append(
            f"{pending} submission(s) have written answers without a score: their canvas.csv cells stay "
            "empty until you score them in answers/ (or scores.csv) and run `grade tables`"
        )
    return warnings
