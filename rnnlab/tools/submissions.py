"""Which file belongs to which student and set, and which of a student's files counts.

Names understood: ``STUDENT/SET.ipynb``, ``STUDENT__SET.ipynb`` and Canvas's bulk-download names
(``doejane_12345_678901_05_bptt.ipynb``, ``doejane_late_12345_678901_05_bptt-1.ipynb``: sortable
name, Canvas user id, Canvas's file number, what the student uploaded). Renamed copies of a set's
notebook (``05_bptt (1)``, ``05_bptt-Copy1``, ``05_bptt_v2``, ``Copy of 05_bptt``) are mapped to
their set with a note; ``-N`` is a resubmission number.

Identity: each file is matched to a roster entry (by Canvas id, then login, then name) or, without
one, keyed by its sanitised name. Two different names (``li wei`` and ``li_wei``) or two Canvas ids
that would become the same student stop the run (:class:`IdentityError`), naming the files: the
grader never guesses who is who.

Latest wins: of a student's files for one set, the one with the largest Canvas file number, then
resubmission number, then modification time (then name) counts; the others keep a row that says
which file superseded them, and are not graded.

``parse_notebook`` reads a submission's untrusted bytes into a notebook, repairing what it can.
"""

import json
import os
import pathlib
import re
import stat

import nbformat

CANVAS = re.compile(r"^(?P<login>[A-Za-z0-9]+)(?P<late>_LATE|_late)?_(?P<id>\d+)_(?P<sub>\d+)_(?P<file>.+)$")
RESUBMISSION = re.compile(r"^(?P<base>.+?)-(?P<n>\d+)$")
RENAMED = [  # (pattern, what to call it); each leaves the set's name in group "base"
    (re.compile(r"^(?P<base>.+?) ?\(\d+\)$"), "a re-downloaded copy"),
    (re.compile(r"^(?P<base>.+?)[ _-]*-?[ _]*copy[ _]?\d*$", re.I), "Jupyter's copy"),
    (re.compile(r"^copy of (?P<base>.+)$", re.I), "a copy"),
    (re.compile(r"^(?P<base>.+?)[_ -]v\d+$", re.I), "a renamed version"),
]


class IdentityError(ValueError):
    """Two submissions would be graded as the same student, or a roster is unusable."""


def safe_name(raw):
    """A name fit for a path and a spreadsheet: letters, digits, ``._-``; no leading dot or dash."""
    name = re.sub(r"[^A-Za-z0-9._-]", "_", str(raw))[:80].replace("..", "__")
    name = re.sub(r"^[.\-]+", lambda m: "_" * len(m.group()), name)
    return name or "_"


def slug(text):
    """Canvas's file-name form of a sortable name: 'Smith, John' -> 'smithjohn'."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def match_set(stem, known):
    """(set, resubmission number, note) for a file stem; set '' when nothing fits."""
    if stem in known:
        return stem, 0, ""
    resub = RESUBMISSION.match(stem)
    if resub and resub.group("base") in known:
        return resub.group("base"), int(resub.group("n")), ""
    name = stem
    for _ in range(3):  # '05_bptt-Copy1 (2)' takes two steps
        for pattern, what in RENAMED:
            m = pattern.match(name)
            if m:
                name = m.group("base").strip()
                base, number, _ = match_set(name, known) if name != stem else ("", 0, "")
                if base:
                    return base, number, f"{stem}.ipynb read as {base} ({what})"
                break
        else:
            break
    return "", 0, ""


def parse_submission(rel, known):
    """The fields a file's path gives: student, set, Canvas id and file number, late, notes."""
    parts, stem = rel.parts, rel.name[: -len(".ipynb")]
    info = dict(raw_student=stem, set="", canvas_id="", canvas_file=-1, attempt=0, late=False, note="")
    canvas = CANVAS.match(stem) if len(parts) == 1 else None
    if len(parts) >= 2:
        info["raw_student"], file = parts[0], stem
    elif canvas:
        info.update(
            raw_student=canvas.group("login"),
            canvas_id=canvas.group("id"),
            canvas_file=int(canvas.group("sub")),
            late=bool(canvas.group("late")),
        )
        file = canvas.group("file")
    elif "__" in stem:
        info["raw_student"], file = stem.split("__", 1)
    else:
        return info
    info["set"], info["attempt"], info["note"] = match_set(file, known)
    if not info["set"]:
        info["set_asked"] = file
    return info


def parse_name(rel, known):
    """(student, set, Canvas id) from a path relative to the submissions folder."""
    info = parse_submission(rel, known)
    return info["raw_student"], info["set"], info["canvas_id"]


def _problem(path, info, max_bytes, known):
    entry = os.lstat(path)
    if stat.S_ISLNK(entry.st_mode):
        return "rejected: a symbolic link (never followed)"
    if not stat.S_ISREG(entry.st_mode):
        return "rejected: not a regular file (a folder, FIFO, socket or device)"
    if entry.st_size > max_bytes:
        return f"rejected: larger than the {max_bytes / 2**20:g} MB limit"
    if info["set"] not in known:
        if info.get("set_asked"):
            return "rejected: no exercise set named " + repr(info["set_asked"])[:60]
        return "rejected: name it STUDENT/SET.ipynb, STUDENT__SET.ipynb or use Canvas's names"
    return ""


def discover(root, known, max_bytes):
    """[dict] for every *.ipynb entry under ``root`` (files, links, folders alike), sorted by path."""
    root, found = pathlib.Path(root), []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d != ".ipynb_checkpoints" and not d.endswith(".ipynb"))
        entries = files + [d for d in os.listdir(folder) if d.endswith(".ipynb") and d not in files]
        for name in sorted(set(entries)):
            if not name.endswith(".ipynb"):
                continue
            path = pathlib.Path(folder) / name
            rel = path.relative_to(root)
            info = parse_submission(rel, known)
            info.update(path=str(path), file=rel.as_posix(), mtime=os.lstat(path).st_mtime)
            info["problem"] = _problem(path, info, max_bytes, known)
            info["student"] = safe_name(info["raw_student"])
            info["set"] = safe_name(info["set"]) if info["set"] else "?"
            info.pop("set_asked", None)
            found.append(info)
    return found


def resolve(found, people=None):
    """Give each submission its student key (the roster's where one matches); raise IdentityError
    when two different people would share a key."""
    by_id, by_login, by_name = {}, {}, {}
    for person in people or []:
        for table, value in ((by_id, person.get("id")), (by_login, person.get("login"))):
            if value:
                table.setdefault(str(value), person)
        for value in (person["student"], slug(person.get("name", ""))):
            if value:
                by_name.setdefault(value, person)
    for sub in found:
        sub["file_canvas_id"] = sub["canvas_id"]
        person = (
            by_id.get(sub["canvas_id"])
            or by_login.get(sub["raw_student"])
            or by_name.get(safe_name(sub["raw_student"]))
            or by_name.get(slug(sub["raw_student"]))
        )
        sub["student"] = person["student"] if person else safe_name(sub["raw_student"])
        sub["on_roster"] = person is not None
        if person and not sub["canvas_id"] and person.get("id"):
            sub["canvas_id"] = str(person["id"])
    groups = {}
    for sub in found:
        groups.setdefault(sub["student"], []).append(sub)
    clashes = []
    for key, subs in groups.items():
        names = sorted({s["raw_student"] for s in subs})
        ids = sorted({s["file_canvas_id"] for s in subs} - {""})
        if len(names) > 1 or len(ids) > 1:
            files = ", ".join(
                f"{s['file']!r} (name {s['raw_student']!r}, Canvas id {s['file_canvas_id'] or '-'})"
                for s in subs
            )
            clashes.append(f"student {key!r}: {files}")
    if clashes:
        raise IdentityError(
            "two submissions map to one student; nothing was graded:\n  "
            + "\n  ".join(clashes)
            + "\nLikely cause: two folders whose names differ only in characters the grader replaces "
            "(a space and an underscore), or two Canvas students with the same name. Rename one folder, "
            "or pass a roster (--roster, Canvas's gradebook export works) so each id maps to one student."
        )
    return found


def recency(sub):
    """The order in which a student's files for one set were made (largest = latest)."""
    return (sub["canvas_file"], sub["attempt"], sub["mtime"], sub["file"])


def choose_latest(found):
    """Mark the file that counts per (student, set): ``counts`` True, the others ``superseded_by``."""
    groups = {}
    for sub in found:
        groups.setdefault((sub["student"], sub["set"]), []).append(sub)
    for subs in groups.values():
        latest = max(subs, key=recency)
        for sub in subs:
            sub["counts"] = sub is latest
            sub["superseded_by"] = "" if sub is latest else latest["file"]
    return found


def parse_notebook(data):
    """A NotebookNode from untrusted bytes, repairing what can be repaired (a cell without source)."""
    raw = json.loads(data.decode("utf-8", errors="replace"))
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        raise ValueError("no list of cells")
    raw.setdefault("metadata", {})
    raw["nbformat"], raw["nbformat_minor"] = 4, max(5, int(raw.get("nbformat_minor", 5) or 5))
    cells = []
    for i, c in enumerate(raw["cells"]):
        if not isinstance(c, dict):
            continue
        kind = c.get("cell_type") if c.get("cell_type") in ("code", "markdown", "raw") else "raw"
        source = c.get("source", "")
        source = "".join(map(str, source)) if isinstance(source, list) else str(source)
        meta = c.get("metadata") if isinstance(c.get("metadata"), dict) else {}
        new = dict(cell_type=kind, source=source, metadata=meta, id=str(c.get("id") or f"cell-{i}")[:64])
        if kind == "code":
            new.update(outputs=[], execution_count=None)
        cells.append(new)
    raw["cells"] = cells
    raw["metadata"].setdefault(
        "kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"}
    )
    raw["metadata"]["kernelspec"]["name"] = "python3"  # a submission may not choose its kernel
    return nbformat.from_dict(raw)
