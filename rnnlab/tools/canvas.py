"""Rosters and Canvas's gradebook CSV.

A roster is either the book's own CSV (a ``student`` column; optionally ``name``, ``id``,
``sis_id``, ``login``, ``section``) or Canvas's gradebook export (``Student, ID, SIS User ID,
SIS Login ID, Section``, then one column per assignment headed ``Name (assignment id)``, and a
``Points Possible`` row). Anything else is an error, never silently ignored.

``canvas.csv`` is written in the shape Canvas imports: the identity columns, then one column per
exercise set. Given Canvas's own export (``--canvas-export``), it keeps that file's students, ids
and assignment headers (with their ids), so an import fills the existing assignments instead of
creating new ones. Sources: Instructure's guide "How do I import grades in the Gradebook?" and
the experience reported in PrairieLearn issue #4547 and ucfopen/Materia#1071 (keep the
``Name (id)`` header of an existing assignment; Student, ID/SIS Login ID and Section identify a row).
"""

import csv
import re

from .submissions import IdentityError, safe_name, slug

IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Section", "Root Account")
ASSIGNMENT = re.compile(r"^(?P<name>.*\S)\s*\((?P<id>\d+)\)$")
TEST_STUDENT = "Student, Test"


def _rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip() for h in next(reader, [])]
        return header, [row + [""] * (len(header) - len(row)) for row in reader]


def is_canvas_export(header):
    return "Student" in header and "ID" in header and ("SIS Login ID" in header or "SIS User ID" in header)


def _canvas_people(header, rows):
    col = {h: i for i, h in enumerate(header)}
    people, taken = [], {}
    for row in rows:
        name, cid = row[col["Student"]].strip(), row[col["ID"]].strip()
        if not cid.isdigit() or name == TEST_STUDENT:
            continue  # the "Points Possible" row, Canvas's test student, blank lines
        login = row[col["SIS Login ID"]].strip() if "SIS Login ID" in col else ""
        key = safe_name(login) if login else slug(name) or cid
        if key in taken:  # two students called alike: the id keeps them apart
            key = f"{key}-{cid}"
        taken[key] = cid
        people.append(
            dict(
                student=key,
                name=name,
                id=cid,
                sis_id=row[col["SIS User ID"]].strip() if "SIS User ID" in col else "",
                login=login,
                section=row[col["Section"]].strip() if "Section" in col else "",
            )
        )
    return people


def read_roster(path):
    """[dict(student, name, id, sis_id, login, section)] from either roster format."""
    header, rows = _rows(path)
    if is_canvas_export(header):
        return _canvas_people(header, rows)
    if "student" not in header:
        raise IdentityError(
            f"roster {path}: expected a `student` column (the book's format) or Canvas's gradebook "
            f"export (Student, ID, SIS User ID, SIS Login ID, Section); got columns {header[:8]}"
        )
    people, seen = [], set()
    for row in rows:
        r = dict(zip(header, row))
        if not r["student"].strip():
            continue
        key = safe_name(r["student"].strip())
        if key in seen:
            raise IdentityError(f"roster {path}: student {key!r} is listed twice")
        seen.add(key)
        people.append(
            dict(
                student=key,
                name=r.get("name", ""),
                id=r.get("id", ""),
                sis_id=r.get("sis_id", ""),
                login=r.get("login", ""),
                section=r.get("section", ""),
            )
        )
    return people


def read_export(path, sets, columns=None):
    """Canvas's gradebook export as a template: (header, identity rows, {set: column index},
    {set: points possible}). ``columns`` maps a set to the text of its column (name or id)."""
    header, rows = _rows(path)
    if not is_canvas_export(header):
        raise IdentityError(f"{path} is not Canvas's gradebook export: its first row is {header[:6]}")
    assignments = {i: ASSIGNMENT.match(h) for i, h in enumerate(header) if ASSIGNMENT.match(h)}
    chosen, problems = {}, []
    for s in sets:
        wanted = (columns or {}).get(s)
        number = int(s.split("_")[0]) if s.split("_")[0].isdigit() else None
        hits = [
            i
            for i, m in assignments.items()
            if (wanted and wanted in (m.group("name"), m.group("id"), header[i]))
            or (not wanted and s.lower() in m.group("name").lower())
            or (
                not wanted
                and number is not None
                and re.search(rf"\bexercises?\s*(?:set\s*)?0*{number}\b", m.group("name"), re.I)
            )
        ]
        if len(hits) == 1:
            chosen[s] = hits[0]
        else:
            found = "none" if not hits else " and ".join(repr(header[i]) for i in hits)
            problems.append(f"{s}: {found}")
    if problems:
        raise IdentityError(
            f"{path}: expected exactly one assignment column per exercise set; got "
            + "; ".join(problems)
            + ". Name them with --canvas-column SET=ASSIGNMENT (name or id); the columns are: "
            + ", ".join(repr(header[i]) for i in assignments)
        )
    possible = next((r for r in rows if r[0].strip() == "Points Possible"), None)
    points = {}
    for s, i in chosen.items():
        try:
            points[s] = float(possible[i]) if possible else None
        except ValueError:
            points[s] = None
    identity = [i for i, h in enumerate(header) if h in IDENTITY]
    return header, identity, chosen, points, _canvas_people(header, rows), rows


def canvas_table(people, sets, scores, totals_max, template=None):
    """(header, rows, warnings) of canvas.csv. ``scores[(student, set)]`` is a number or ''.
    ``template`` is what read_export returned, or None for the book's own columns."""
    warnings = []
    if template is None:
        header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + list(sets)
        rows = [["Points Possible", "", "", "", ""] + [f"{totals_max[s]:g}" for s in sets]]
        for p in people:
            rows.append(
                [
                    p.get("name") or p["student"],
                    p.get("id", ""),
                    p.get("sis_id", ""),
                    p.get("login") or p["student"],
                ]
                + [p.get("section", "")]
                + [scores.get((p["student"], s), "") for s in sets]
            )
        return header, rows, warnings
    t_header, identity, chosen, points, t_people, t_rows = template
    header = [t_header[i] for i in identity] + [t_header[chosen[s]] for s in sets]
    for s in sets:
        if points.get(s) is not None and abs(points[s] - totals_max[s]) > 1e-9:
            warnings.append(
                f"Canvas's {t_header[chosen[s]]!r} is worth {points[s]:g} points, the set {totals_max[s]:g}: "
                "change one of them or Canvas will show the wrong fraction"
            )
    rows = [["Points Possible"] + [""] * (len(identity) - 1) + [f"{totals_max[s]:g}" for s in sets]]
    by_id = {p["id"]: p for p in t_people}
    for row in t_rows:
        person = by_id.get(row[t_header.index("ID")].strip())
        if person is None:
            continue
        rows.append([row[i] for i in identity] + [scores.get((person["student"], s), "") for s in sets])
    known = {p["student"] for p in t_people}
    strays = sorted({st for st, _ in scores if st not in known})
    if strays:
        warnings.append(
            "graded but not in Canvas's export (Canvas cannot match them; add them to the roster): "
            + ", ".join(strays)
        )
    return header, rows, warnings
