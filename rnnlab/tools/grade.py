"""Grade a class: ``python -m rnnlab grade SUBMISSIONS --out FOLDER`` (the command line is
``grade_cli.py``).

Order of work: read the reference checks from the book (never from the working folder), find the
submissions and who they belong to (``submissions.py``: one student per roster entry or name, the
latest file per student and set counts), grade each needed set's solution notebook (stop unless
it gets full marks; ``selftest.py`` remembers a pass), then grade every counted submission in a
bubblewrap sandbox (``sandbox.py``), with each check decided by the judge process (``judge.py``)
or, for the fixed list ``judge_routes.IN_KERNEL``, by the in-kernel harness (``harness.py``), and
write the tables after each one (``gradebook.py``).
"""

import concurrent.futures
import hashlib
import json
import pathlib
import re
import threading
import time

import nbformat

from . import feedback, gradebook, sandbox, selftest, similarity, submissions
from .runner import clean
from .canvas import read_roster
from .submissions import parse_notebook  # noqa: F401  (grade.parse_notebook, as before)
from .references import SetupError, find_book, load_references

STUB_DEFINES = re.compile(r"^\s*(?:def|class)\s+(\w+)|^(\w+)\s*(?:,\s*\w+\s*)*=", re.MULTILINE)
NAME_ERROR = re.compile(r"^NameError: name '(\w+)' is not defined")


def restore_missing_checks(nb, ref):
    """Put back each reference check cell a submission deleted, after the cell that preceded it in
    the reference (or at the end): the book's check then judges the student's code anyway."""
    present = {c.get("id") for c in nb.cells} | {c.source for c in nb.cells if c.cell_type == "code"}
    restored = []
    for item in ref.checks:
        if item.id in present or item.source in present:
            continue
        before = ref.exercise_nb.cells[item.index - 1].get("id") if item.index else None
        ids = [c.get("id") for c in nb.cells]
        at = ids.index(before) + 1 if before in ids else len(nb.cells)
        nb.cells.insert(at, nbformat.v4.new_code_cell(item.source, id=item.id))
        restored.append(item.id)
    return restored


def prepare(nb, ref):
    """(job checks {cell index: reference source}, [check records], [answer records])."""
    restored = restore_missing_checks(nb, ref)
    by_id = {c.get("id"): i for i, c in enumerate(nb.cells)}
    by_source = {c.source: i for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    job_checks, checks = {}, []
    for item in ref.checks:
        index = by_id.get(item.id, by_source.get(item.source))
        record = dict(
            id=item.id, exercise=item.exercise, points=item.points, status="not run", message="", cell=index
        )
        if item.id in restored:
            record["restored"] = "the check cell was missing from the submission; the book's check ran"
        if index is None or nb.cells[index].cell_type != "code":
            record["message"], record["cell"] = "the check cell is missing from the submission", None
        else:
            nb.cells[index].source = item.source
            job_checks[index] = item.source
        checks.append(record)
    answers = []
    for item in ref.answers:
        found = nb.cells[by_id[item.id]] if item.id in by_id else None
        text = found.source if found is not None and found.cell_type == "markdown" else ""
        answered = bool(text.strip()) and text.strip() != item.source.strip()
        answers.append(
            dict(id=item.id, exercise=item.exercise, points=item.points, answered=answered, text=text[:20000])
        )
    return job_checks, checks, answers


def stub_names(ref):
    names = set()
    for c in ref.exercise_nb.cells:
        if c.cell_type == "code" and "raise NotImplementedError" in c.source:
            names |= {a or b for a, b in STUB_DEFINES.findall(c.source)}
    return names - {""}


def _defining_cell(nb, name):
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and name in {a or b for a, b in STUB_DEFINES.findall(c.source)}:
            return i
    return None


def judge(result, checks, ref, nb=None):
    """Fill the check records from the runner's result."""
    stubs = stub_names(ref)
    errors = {int(i): msg for i, msg in result.get("errors", [])}
    for record in checks:
        index = record.pop("cell", None)
        if index is None:
            continue
        verdict = result["verdicts"].get(str(index))
        if verdict:
            record["status"], record["message"] = verdict["status"], verdict["message"]
            record["output"] = verdict.get("output", "")
            record["decided_in"] = verdict.get("where", "kernel")
            name = NAME_ERROR.match(record["message"])
            if record["status"] == "failed" and name and name.group(1) in stubs:
                cell = _defining_cell(nb, name.group(1)) if nb is not None else None
                if cell in errors:  # the student wrote it, but their cell raised before defining it
                    record["message"] = (
                        f"your cell {cell + 1}, which defines {name.group(1)}, raised "
                        f"{errors[cell].splitlines()[0][:300]}; fix that error and the check can run"
                    )
                else:
                    record["status"] = "not attempted"
        elif result.get("stopped_at") == index:
            record["status"], record["message"] = "failed", result["stopped"]
        elif result.get("stopped"):
            record["message"] = f"not run: {result['stopped']}"
        if record["status"] == "grader error":
            result["status"] = f"grader error: {record['message']}"[:400]


def grade_one(sub, refs, options):
    """The record of one submission (never raises)."""
    start = time.perf_counter()
    ref = refs.get(sub["set"])
    record = dict(
        student=sub["student"],
        raw_student=sub["raw_student"][:200],
        set=sub["set"],
        file=sub.get("file", ""),
        counts=True,
        late=sub.get("late", False),
        note=sub.get("note", ""),
        canvas_id=sub.get("canvas_id", ""),
        status="ok",
        checks=[],
        answers=[],
        exercises={},
        points=0.0,
        max_points=ref.max_points() if ref else 0.0,
        seconds=0.0,
        sha256="",
        sandbox="bwrap" if options["bwrap"] else "none (--no-sandbox)",
        errors=[],
    )
    if ref is not None:
        record["checks"] = [
            dict(id=c.id, exercise=c.exercise, points=c.points, status="not run", message="")
            for c in ref.checks
        ]
    try:
        if sub["problem"]:
            record["status"] = sub["problem"]
            return record
        data = gradebook.read_regular(sub["path"], options["max_bytes"])
        record["sha256"] = hashlib.sha256(data).hexdigest()
        try:
            nb = parse_notebook(data)
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            record["status"] = f"invalid notebook: {type(err).__name__}: {str(err)[:150]}"
            return record
        job_checks, record["checks"], record["answers"] = prepare(nb, ref)
        record["fingerprints"] = similarity.fingerprints(nb, ref)
        job = dict(
            notebook=nb,
            checks=job_checks,
            imports=ref.imports,
            timeout=options["timeout"],
            memory_gb=options["memory_gb"],
            max_seconds=options["max_minutes"] * 60,  # one budget per notebook, whatever its length
            max_output=options["max_output"],
        )
        wall = options["max_minutes"] * 60 + 120  # the runner stops the kernel at its budget; a backstop
        result = sandbox.run_job(
            json.loads(json.dumps(job)),
            bwrap=options["bwrap"],
            data_dir=options["data_dir"],
            threads=options["threads"],
            quick=options["quick"],
            wall_timeout=wall,
        )
        judge(result, record["checks"], ref, nb)
        record["status"] = result["status"] + (" (output capped)" if result.get("capped") else "")
        record["errors"] = result.get("errors", [])[:20]
    except Exception as err:  # noqa: BLE001  (the grader's own fault: say so, go on)
        record["status"] = f"grader error: {type(err).__name__}: {str(err)[:200]}"
    finally:
        record["seconds"] = time.perf_counter() - start
        record["status"] = clean(record["status"], 400)  # never raw submission text in a status
        for c in record["checks"]:
            c.pop("cell", None)
            if c.pop("restored", None):
                c["message"] = f"(your notebook lacked this check cell; the book's check ran) {c['message']}"
            if c["status"] == "passed":
                record["points"] += c["points"]
        if ref is not None:
            record["exercises"] = {
                e: sum(
                    c["points"] for c in record["checks"] if c["exercise"] == e and c["status"] == "passed"
                )
                for e in ref.exercises
                if any(c.exercise == e for c in ref.checks)
            }
    return record


def _limits(no_sandbox, limits):
    bwrap = sandbox.bwrap_path()
    if bwrap is None and not no_sandbox:
        raise SetupError(
            "bubblewrap (bwrap) is missing or does not work here: install Debian's "
            "`bubblewrap`, use the container recipe, or pass --no-sandbox to run "
            "submissions with your own rights"
        )
    options = dict(
        timeout=300,
        max_minutes=20,
        memory_gb=4.0,
        max_output=1_000_000,
        max_bytes=20 * 2**20,
        quick=False,
        threads=1,
        data_dir=None,
    )
    options.update({k: v for k, v in limits.items() if v is not None})
    options["bwrap"] = None if no_sandbox else bwrap
    return options


def people_of(roster, settings):
    """The roster: ``roster`` (either format), else the students of Canvas's export, else None."""
    if roster:
        return read_roster(roster)
    if (settings or {}).get("canvas_export"):
        return read_roster(settings["canvas_export"])
    return None


def write_feedback(out, r, ref, path=None, max_bytes=20 * 2**20):
    """feedback/STUDENT/SET.md and .html (the HTML shows the student's cells when readable)."""
    base = pathlib.Path(out) / "feedback" / r["student"]
    gradebook.write_atomic(base / f"{r['set']}.md", feedback.markdown(r, ref))
    nb = None
    if path is not None and ref is not None:
        try:
            nb = parse_notebook(gradebook.read_regular(path, max_bytes))
            restore_missing_checks(nb, ref)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            nb = None
    if nb is not None or not (base / f"{r['set']}.html").exists():
        gradebook.write_atomic(base / f"{r['set']}.html", feedback.page(r, nb, ref))
    r["feedback"] = f"feedback/{r['student']}/{r['set']}.html"


def find(submissions_dir, refs, max_bytes, people=None, sets=None):
    """Every submission file with its student, set, and whether it counts (``submissions.py``)."""
    found = submissions.discover(submissions_dir, set(refs), max_bytes)
    if sets:
        unknown = sorted(set(sets) - set(refs))
        if unknown:
            raise SetupError(f"--sets names no exercise set: {unknown}; the sets are {sorted(refs)}")
        found = [f for f in found if f["set"] in sets or f["set"] not in refs]
    return submissions.choose_latest(submissions.resolve(found, people))


def grade_class(
    submissions_dir,
    out,
    book=None,
    jobs=1,
    shard=(1, 1),
    roster=None,
    no_sandbox=False,
    self_check=True,
    log=print,
    sets=None,
    settings=None,
    self_test_cache=None,
    **limits,
):
    """Grade every submission under ``submissions_dir`` into the folder ``out``; return the records
    of this shard (superseded files included, as rows that say so)."""
    refs = load_references(find_book(book))
    options = _limits(no_sandbox, limits)
    people = people_of(roster, settings)
    found = find(submissions_dir, refs, options["max_bytes"], people, sets)
    index, count = shard
    mine = found[index - 1 :: count]
    counted = [s for s in mine if s["counts"] and not s["problem"]]
    log(
        f"grading {len(counted)} of {len(found)} submission files (shard {index}/{count}; "
        f"{sum(not s['counts'] for s in mine)} superseded by a later file) with "
        f"{'bwrap' if options['bwrap'] else 'NO SANDBOX'}, {jobs} job(s)"
    )
    out = pathlib.Path(out)
    previous = gradebook.read_records(out)
    if previous:  # bad hand scores stop the run before anything is graded
        gradebook.write_tables(out, previous, refs, people, settings)
    if self_check:
        needed = {s["set"] for s in counted}
        cache = self_test_cache or out / ".self-tests"
        selftest.run(refs, needed, options, grade_one, jobs=jobs, cache=cache, log=log)
    done = {
        (r["student"], r["set"], r["sha256"]): r
        for r in previous
        if r["sha256"] and not r["status"].startswith("grader error")
    }
    records = {gradebook.record_key(r): r for r in previous}
    lock, counter = threading.Lock(), [0]

    def work(sub):
        if not sub["counts"]:
            r = grade_one(
                dict(sub, problem=f"not graded: superseded by {sub['superseded_by']}"), refs, options
            )
            r.update(counts=False, superseded_by=sub["superseded_by"])
        else:
            try:
                sha = hashlib.sha256(gradebook.read_regular(sub["path"], options["max_bytes"])).hexdigest()
            except OSError:
                sha = ""
            r = done.get((sub["student"], sub["set"], sha)) if sha else None
            r = dict(r, file=sub["file"], late=sub["late"], note=sub["note"], counts=True) if r else None
            r = r or grade_one(sub, refs, options)
            if r["set"] in refs:
                write_feedback(out, r, refs[r["set"]], sub["path"], options["max_bytes"])
        with lock:
            counter[0] += 1
            records[gradebook.record_key(r)] = r
            gradebook.write_tables(out, records.values(), refs, people, settings)
            log(
                f"[{counter[0]}/{len(mine)}] {r['student']} {r['set']} ({r['file']}): "
                f"{r['points']:g}/{r['max_points']:g} points, {r['status']} ({r['seconds']:.0f} s)"
            )
        return r

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(work, mine))
    for warning in gradebook.write_tables(out, records.values(), refs, people, settings):
        log(f"note: {warning}")
    return results


def merge(outputs, out, book=None, roster=None, settings=None, log=print):
    """Join the results of several runs (shards) into the tables of ``out``; with ``outputs`` =
    [out], rewrite the tables (after hand scores were entered)."""
    refs = load_references(find_book(book))
    records = {}
    for folder in outputs:
        for r in gradebook.read_records(folder):
            records[gradebook.record_key(r)] = r
            html = pathlib.Path(folder) / "feedback" / r["student"] / f"{r['set']}.html"
            target = pathlib.Path(out) / "feedback" / r["student"] / f"{r['set']}.html"
            if r.get("counts", True) and html.exists() and html.resolve() != target.resolve():
                gradebook.write_atomic(target, html.read_text(encoding="utf-8"))
    for r in records.values():
        if r.get("counts", True) and r["set"] in refs:
            write_feedback(out, r, refs[r["set"]])
    for warning in gradebook.write_tables(out, records.values(), refs, people_of(roster, settings), settings):
        log(f"note: {warning}")
    return list(records.values())
