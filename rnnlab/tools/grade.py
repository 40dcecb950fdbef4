"""Grade a class: ``python -m rnnlab grade SUBMISSIONS --out FOLDER``.

Order of work: read the reference checks from the book (never from the working folder), grade
each set's solution notebook (stop unless it gets full marks), then grade every submission in a
bubblewrap sandbox (``sandbox.py``), with the checks evaluated by the in-kernel harness
(``harness.py``), and write the tables after each one (``gradebook.py``).
``python -m rnnlab grade merge OUT1 OUT2 ... --out FOLDER`` joins the outputs of shards;
``python -m rnnlab grade bench`` measures submissions per minute per core.
"""

import concurrent.futures
import hashlib
import json
import pathlib
import re
import sys
import threading
import time

import nbformat

from . import gradebook, sandbox
from .runner import clean
from .references import SetupError, find_book, load_references

STUB_DEFINES = re.compile(r"^\s*(?:def|class)\s+(\w+)|^(\w+)\s*(?:,\s*\w+\s*)*=", re.MULTILINE)
NAME_ERROR = re.compile(r"^NameError: name '(\w+)' is not defined")


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


def prepare(nb, ref):
    """(job checks {cell index: reference source}, [check records], [answer records])."""
    by_id = {c.get("id"): i for i, c in enumerate(nb.cells)}
    by_source = {c.source: i for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    job_checks, checks = {}, []
    for item in ref.checks:
        index = by_id.get(item.id, by_source.get(item.source))
        record = dict(
            id=item.id, exercise=item.exercise, points=item.points, status="not run", message="", cell=index
        )
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


def judge(result, checks, ref):
    """Fill the check records from the runner's result."""
    stubs = stub_names(ref)
    for record in checks:
        index = record.pop("cell", None)
        if index is None:
            continue
        verdict = result["verdicts"].get(str(index))
        if verdict:
            record["status"], record["message"] = verdict["status"], verdict["message"]
            record["output"] = verdict.get("output", "")
            name = NAME_ERROR.match(record["message"])
            if record["status"] == "failed" and name and name.group(1) in stubs:
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
        job = dict(
            notebook=nb,
            checks=job_checks,
            imports=ref.imports,
            timeout=options["timeout"],
            memory_gb=options["memory_gb"],
            max_output=options["max_output"],
            max_seconds=options["max_minutes"] * 60,  # one budget per notebook, whatever its length
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
        judge(result, record["checks"], ref)
        record["status"] = result["status"] + (" (output capped)" if result.get("capped") else "")
        record["errors"] = result.get("errors", [])[:20]
    except Exception as err:  # noqa: BLE001  (the grader's own fault: say so, go on)
        record["status"] = f"grader error: {type(err).__name__}: {str(err)[:200]}"
    finally:
        record["seconds"] = time.perf_counter() - start
        record["status"] = clean(record["status"], 400)  # never raw submission text in a status
        for c in record["checks"]:
            c.pop("cell", None)
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


def feedback_markdown(r):
    lines = [
        f"# Feedback: {r['student']}, {r['set']}",
        "",
        f"**{r['points']:g} of {r['max_points']:g} points.** Status: {r['status']}.",
        "",
    ]
    numbers = {}
    for c in r["checks"]:
        numbers[c["exercise"]] = numbers.get(c["exercise"], 0) + 1
        lines += [
            f"## {c['exercise']}, check {numbers[c['exercise']]}: {c['status']} "
            f"({c['points'] if c['status'] == 'passed' else 0:g}/{c['points']:g})",
            "",
            f"Cell `{c['id']}`.",
            "",
        ]
        if c.get("message"):
            lines += ["```", c["message"].strip(), "```", ""]
    for a in r["answers"]:
        lines += [
            f"- {a['exercise']}, written answer (cell `{a['id']}`): "
            f"{'answered, graded by hand' if a['answered'] else 'unchanged'}"
        ]
    if r.get("errors"):
        lines += ["", "## Other cells that raised an error", ""]
        lines += [f"- cell {n + 1}: `{msg.splitlines()[0] if msg else ''}`" for n, msg in r["errors"][:10]]
    return "\n".join(lines) + "\n"


def self_test(refs, sets, options, log=print):
    """Grade each set's solution notebook; raise SetupError unless it gets full marks."""
    for name in sorted(sets):
        ref = refs[name]
        sub = dict(
            student="solution",
            raw_student="solution",
            set=name,
            path=str(ref.solution_path),
            problem="",
            canvas_id="",
        )
        r = grade_one(sub, refs, dict(options, max_bytes=max(options["max_bytes"], 2**28)))
        log(
            f"self-test {name}: the solution gets {r['points']:g}/{r['max_points']:g}, {r['status']} "
            f"({r['seconds']:.0f} s)"
        )
        if r["points"] != r["max_points"] or r["status"] != "ok" or r["errors"]:
            failed = [
                f"{c['exercise']} cell {c['id']}: {c['status']} {c['message'][:200]}"
                for c in r["checks"]
                if c["status"] != "passed"
            ] + [f"cell {n + 1} raised {message}" for n, message in r["errors"]]  # CorpusError, ...
            raise SetupError(
                f"the solution of {name} does not get full marks here, or raised an error ({r['status']}); "
                "fix the grading environment first:\n  " + "\n  ".join(failed)
            )


def grade_class(
    submissions,
    out,
    book=None,
    jobs=1,
    shard=(1, 1),
    roster=None,
    no_sandbox=False,
    self_check=True,
    log=print,
    **limits,
):
    """Grade every submission under ``submissions`` into the folder ``out``; return the records."""
    refs = load_references(find_book(book))
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
    found = gradebook.discover(submissions, set(refs), options["max_bytes"])
    index, count = shard
    mine = found[index - 1 :: count]
    log(
        f"grading {len(mine)} of {len(found)} submissions (shard {index}/{count}) with "
        f"{'bwrap' if options['bwrap'] else 'NO SANDBOX'}, {jobs} job(s)"
    )
    if self_check:
        self_test(refs, {s["set"] for s in mine if s["set"] in refs}, options, log)
    out = pathlib.Path(out)
    people = gradebook.read_roster(roster) if roster else None
    done = {
        (r["student"], r["set"], r["sha256"]): r
        for r in gradebook.read_records(out)
        if not r["status"].startswith("grader error")
    }
    records = {(r["student"], r["set"]): r for r in gradebook.read_records(out)}
    lock, counter = threading.Lock(), [0]

    def work(sub):
        try:
            sha = hashlib.sha256(gradebook.read_regular(sub["path"], options["max_bytes"])).hexdigest()
        except OSError:
            sha = ""
        r = done.get((sub["student"], sub["set"], sha)) if sha else None
        r = r or grade_one(sub, refs, options)
        with lock:
            counter[0] += 1
            fb = out / "feedback" / r["student"] / f"{r['set']}.md"
            gradebook.write_atomic(fb, feedback_markdown(r))
            r["feedback"] = fb.relative_to(out).as_posix()
            records[(r["student"], r["set"])] = r
            gradebook.write_tables(out, records.values(), refs, people)
            log(
                f"[{counter[0]}/{len(mine)}] {r['student']} {r['set']}: {r['points']:g}/{r['max_points']:g} "
                f"points, {r['status']} ({r['seconds']:.0f} s)"
            )
        return r

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(work, mine))
    gradebook.write_tables(out, records.values(), refs, people)
    return results


def merge(outputs, out, book=None, roster=None):
    """Join the results of several runs (shards) into the tables of ``out``."""
    refs = load_references(find_book(book))
    records = {}
    for folder in outputs:
        for r in gradebook.read_records(folder):
            records[(r["student"], r["set"])] = r
    for r in records.values():
        gradebook.write_atomic(pathlib.Path(out) / r["feedback"], feedback_markdown(r))
    gradebook.write_tables(out, records.values(), refs, gradebook.read_roster(roster) if roster else None)
    return list(records.values())


def add_arguments(parser):
    parser.add_argument(
        "submissions", nargs="+", help="the submissions folder; or `merge OUT...`; or `bench`"
    )
    parser.add_argument("--out", default="grading", help="output folder (tables, feedback, answers)")
    parser.add_argument("--book", default=None, help="the book's folder (default: the installed package's)")
    parser.add_argument(
        "--roster",
        default=None,
        help="CSV with a `student` column (and name, id, sis_id, section): missing students get a row",
    )
    parser.add_argument("--jobs", type=int, default=1, help="submissions graded at once")
    parser.add_argument("--threads", type=int, default=1, help="torch/BLAS threads per job")
    parser.add_argument("--shard", default="1/1", help="grade only shard i of N (i/N)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--max-minutes", type=float, default=20, help="wall-clock budget per submission")
    parser.add_argument(
        "--memory-gb", type=float, default=4.0, help="memory of a submission's processes together"
    )
    parser.add_argument("--max-output", type=int, default=1_000_000, help="characters of output kept")
    parser.add_argument("--max-mb", type=float, default=20, help="largest submission read")
    parser.add_argument("--quick", action="store_true", help="run with RNNLAB_QUICK=1 (not for real grades)")
    parser.add_argument("--no-sandbox", action="store_true", help="run without bwrap (rows say so)")
    parser.add_argument("--no-self-test", action="store_true", help="skip grading the solutions first")
    parser.add_argument("--bench-set", default=None, help="`grade bench`: the exercise set to time")
    parser.add_argument("--bench-n", type=int, default=None, help="`grade bench`: submissions per run")


def main(args):
    import os

    first = args.submissions[0]
    try:
        if first == "merge":
            records = merge(args.submissions[1:], args.out, args.book, args.roster)
            print(f"merged {len(records)} records into {args.out}/")
            return
        if len(args.submissions) != 1 or not pathlib.Path(first).is_dir():
            sys.exit(f"{first} is not a folder of submissions")
        index, count = (int(x) for x in args.shard.split("/"))
        if not 1 <= index <= count:
            sys.exit("--shard must be i/N with 1 <= i <= N")
        data = os.environ.get("RNNLAB_DATA")
        records = grade_class(
            first,
            args.out,
            book=args.book,
            jobs=args.jobs,
            shard=(index, count),
            roster=args.roster,
            no_sandbox=args.no_sandbox,
            self_check=not args.no_self_test,
            timeout=args.timeout,
            max_minutes=args.max_minutes,
            memory_gb=args.memory_gb,
            max_output=args.max_output,
            max_bytes=int(args.max_mb * 2**20),
            quick=args.quick,
            threads=args.threads,
            data_dir=str(pathlib.Path(data).resolve()) if data else None,
        )
    except SetupError as err:
        sys.exit(f"grading stopped: {err}")
    print(f"wrote {args.out}/grades.csv, gradebook.csv, canvas.csv, answers/ and feedback/")
    errors = [r for r in records if r["status"].startswith("grader error")]
    if errors:
        sys.exit(
            f"{len(errors)} submission(s) hit a grader error (not the students' fault): "
            "see the status column and re-run"
        )
