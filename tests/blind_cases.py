"""Run the blind cases of the exercise sets: wrong solutions and correct alternatives written by
someone who saw only the student notebook, never the checks.

A case lives in ``tests/mutants/blind/set_NN/<fail|pass>_<name>.py``::

    # expect: fail            (or: pass)
    # exercise: 2
    # what: one line on the mistake, or on the style of the correct alternative
    # %% cell 8a19f2ed
    <the whole code of that stub cell, as the student typed it>

``cell`` is the id of a stub cell of ``exercises/NN_*.ipynb`` (the same id in the solution
notebook). The runner executes the solution notebook's code cells in order, in quick mode, one
section ("## Exercise N") at a time. Before it runs section N itself, it forks one child per case
of exercise N; the child runs that section with the case's cells in place of the solution's and
reports each check cell's outcome. So every case starts from the state a correct solution of
the earlier exercises leaves, and the cost of the earlier sections is paid once per set.

A wrong case is *caught* when a check cell of its section raises ``CheckFailed``; a correct
case is *accepted* when every check cell of its section runs without an error. A case whose
own code crashes before the checks is reported as such (it tests nothing).

``python tests/blind_cases.py [NN ...] [--only r2_]`` prints the table per set and writes
``tests/mutants/blind/RESULTS.md``.
"""

import contextlib
import io
import json
import os
import pathlib
import re
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[1]
BLIND_DIR = ROOT / "tests" / "mutants" / "blind"
CASE_TIMEOUT_S = 600
HEADER = re.compile(r"^# (expect|exercise|what):\s*(.*)$")
CELL_MARK = re.compile(r"^# %% cell (\S+)\s*$")


@dataclass
class Case:
    set_number: str
    name: str
    expect: str  # "fail" or "pass"
    exercise: object  # the exercise number, or a question label such as "Q2"
    what: str
    cells: dict  # cell id -> source


@dataclass
class Outcome:
    case: str
    expect: str
    exercise: object
    status: str  # "caught", "missed", "accepted", "rejected", "crashed", "timeout", "unjudged"
    detail: str = ""
    seconds: float = 0.0
    checks: list = field(default_factory=list)


def read_case(path, set_number):
    """Parse one case file (header lines, then ``# %% cell <id>`` sections)."""
    meta, cells, current = {}, {}, None
    for line in path.read_text().splitlines():
        mark = CELL_MARK.match(line)
        if mark:
            current = mark.group(1)
            cells[current] = []
        elif current is not None:
            cells[current].append(line)
        elif HEADER.match(line):
            key, value = HEADER.match(line).groups()
            meta[key] = value.strip()
    if meta.get("expect") not in ("fail", "pass") or not meta.get("exercise") or not cells:
        raise ValueError(f"{path}: needs '# expect: fail|pass', '# exercise: N' and '# %% cell <id>'")
    exercise = meta["exercise"]
    return Case(
        set_number,
        path.stem,
        meta["expect"],
        int(exercise) if exercise.isdigit() else exercise,  # "Q2": a question of the chapter
        meta.get("what", ""),
        {k: "\n".join(v).strip("\n") + "\n" for k, v in cells.items()},
    )


def load_cases(set_number):
    folder = BLIND_DIR / f"set_{set_number}"
    return [read_case(p, set_number) for p in sorted(folder.glob("*.py"))]


def solution_path(set_number):
    (path,) = sorted((ROOT / "solutions").glob(f"{set_number}_*.ipynb"))
    return path


def sections(notebook):
    """Split a solution notebook into [(exercise number or None, [code cells])]: the preamble,
    then one entry per "## " heading (exercises get their number)."""
    parts, current = [], (None, [])
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("## "):
            parts.append(current)
            number = re.match(r"## Exercise (\d+)", source)
            current = (int(number.group(1)) if number else None, [])
        elif cell["cell_type"] == "code" and "colab-install" not in cell["metadata"].get("tags", []):
            current[1].append(cell)
    parts.append(current)
    return parts


def runnable(source):
    """A cell's code without IPython magics and shell escapes (lines starting with % or !)."""
    return "\n".join(
        "pass  # magic" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )


def run_section(cells, namespace, replace=None):
    """Execute code cells in ``namespace``; return per check cell (id, outcome, message).

    Stops at the first error: an error in a check cell is that check's verdict; an error in any
    other cell is a crash of the solution under test."""
    from rnnlab.checks import CheckFailed

    results = []
    for cell in cells:
        source = (replace or {}).get(cell["id"], "".join(cell["source"]))
        is_check = "check" in cell["metadata"].get("tags", [])
        try:
            exec(compile(runnable(source), f"<cell {cell['id']}>", "exec"), namespace)
        except CheckFailed as error:
            if is_check:
                results.append((cell["id"], "failed", str(error)[:600]))
                return results, None
            return results, f"CheckFailed outside a check cell: {str(error)[:300]}"
        except BaseException as error:  # noqa: BLE001 - the learner's code may raise anything
            return results, f"{type(error).__name__} in cell {cell['id']}: {str(error)[:300]}"
        if is_check:
            results.append((cell["id"], "passed", ""))
    return results, None


def judge(case, results, crash):
    failed = [r for r in results if r[1] == "failed"]
    if case.expect == "fail":
        if failed:
            return "caught", failed[0][2]
        return ("crashed", crash) if crash else ("missed", "every check passed")
    if crash or failed:
        return "rejected", (failed[0][2] if failed else crash)
    return "accepted", ""


def run_in_child(case, cells, namespace):
    """Fork; the child runs the section with the case's cells and writes its outcome as JSON."""
    read_fd, write_fd = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            with (
                open(os.devnull, "w") as sink,
                contextlib.redirect_stdout(sink),
                contextlib.redirect_stderr(sink),
            ):
                results, crash = run_section(cells, namespace, case.cells)
            status, detail = judge(case, results, crash)
            payload = {"status": status, "detail": detail, "checks": results}
        except BaseException as error:  # noqa: BLE001
            payload = {"status": "crashed", "detail": repr(error)[:300], "checks": []}
        os.write(write_fd, json.dumps(payload).encode())
        os._exit(0)
    os.close(write_fd)
    chunks, deadline = [], start + CASE_TIMEOUT_S
    with os.fdopen(read_fd, "rb") as pipe:
        os.set_blocking(pipe.fileno(), False)
        while True:
            finished, _ = os.waitpid(pid, os.WNOHANG)
            data = pipe.read() or b""
            chunks.append(data)
            if finished:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return Outcome(case.name, case.expect, case.exercise, "timeout", f"> {CASE_TIMEOUT_S} s")
            time.sleep(0.05)
    raw = b"".join(chunks)
    payload = json.loads(raw) if raw else {"status": "crashed", "detail": "child died", "checks": []}
    return Outcome(
        case.name,
        case.expect,
        case.exercise,
        payload["status"],
        payload["detail"],
        round(time.monotonic() - start, 1),
        payload["checks"],
    )


def run_set(set_number, names=None, log=print):
    """Run the blind cases of one set; returns (outcomes, reference problems)."""
    os.environ.setdefault("RNNLAB_QUICK", "1")
    os.environ.setdefault("MPLBACKEND", "Agg")
    import torch

    torch.set_num_threads(1)
    cases = [c for c in load_cases(set_number) if names is None or c.name in names]
    notebook = json.loads(solution_path(set_number).read_text())
    stub_ids = {c["id"] for c in notebook["cells"]}
    problems, outcomes = [], []
    for case in cases:
        unknown = set(case.cells) - stub_ids
        if unknown:
            problems.append(f"{case.name}: no cell {sorted(unknown)} in the solution notebook")
    cases = [c for c in cases if set(c.cells) <= stub_ids]
    from IPython.display import display  # a name IPython's kernel provides to every notebook

    namespace = {"__name__": "__main__", "display": display}
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)  # a notebook that writes files writes them here
        try:
            for exercise, cells in sections(notebook):
                ids = {cell["id"] for cell in cells}
                # a chapter question ("Q2") runs in the section that holds its cells
                here = [
                    c
                    for c in cases
                    if c.exercise == exercise or (not isinstance(c.exercise, int) and set(c.cells) & ids)
                ]
                for case in here:
                    outcome = run_in_child(case, cells, namespace)
                    outcomes.append(outcome)
                    log(
                        f"  set {set_number} ex {exercise} {case.name}: {outcome.status} "
                        f"({outcome.seconds} s)"
                    )
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    results, crash = run_section(cells, namespace)
                bad = [r for r in results if r[1] != "passed"]
                if crash or bad:
                    problems.append(f"the solution's own section (exercise {exercise}) fails: {crash or bad}")
                    break
        finally:
            os.chdir(cwd)
    judged = {o.case for o in outcomes}
    for case in cases:
        if case.name not in judged:  # its section was never reached
            outcomes.append(Outcome(case.name, case.expect, case.exercise, "unjudged", "no exercise section"))
    return outcomes, problems


def summary_rows(all_outcomes):
    rows = []
    for set_number, outcomes in sorted(all_outcomes.items()):
        wrong = [o for o in outcomes if o.expect == "fail"]
        good = [o for o in outcomes if o.expect == "pass"]
        rows.append(
            (
                set_number,
                sum(o.status == "caught" for o in wrong),
                len(wrong),
                sum(o.status == "accepted" for o in good),
                len(good),
            )
        )
    return rows


def write_results(all_outcomes, path=BLIND_DIR / "RESULTS.md"):
    lines = [
        "# Blind cases: the latest full run",
        "",
        "Written by `python tests/blind_cases.py` (quick mode). Wrong solutions caught / written,",
        "correct alternatives accepted / written, per set; then every case that did not behave.",
        "",
        "| set | wrong caught | correct accepted |",
        "|---|---|---|",
    ]
    for set_number, caught, wrong, accepted, good in summary_rows(all_outcomes):
        lines.append(f"| {set_number} | {caught} / {wrong} | {accepted} / {good} |")
    lines += ["", "## Cases that did not behave", ""]
    for set_number, outcomes in sorted(all_outcomes.items()):
        for o in outcomes:
            if o.status not in ("caught", "accepted"):
                detail = o.detail.replace("\n", " ")[:200]
                lines.append(f"- set {set_number} `{o.case}` (exercise {o.exercise}): {o.status}. {detail}")
    path.write_text("\n".join(lines) + "\n")


def main(argv):
    # "--only PREFIX": run only the cases whose name (after fail_/pass_) starts with PREFIX,
    # e.g. "--only r2_" for the second round of blind cases
    only = None
    if "--only" in argv:
        at = argv.index("--only")
        only, argv = argv[at + 1], argv[:at] + argv[at + 2 :]
    sets = argv or sorted(p.name[4:] for p in BLIND_DIR.glob("set_*") if p.is_dir())
    all_outcomes = {}
    for set_number in sets:
        start = time.monotonic()
        names = None
        if only is not None:
            prefixes = tuple(only.split(","))  # "r2_,lstm": several prefixes
            names = {c.name for c in load_cases(set_number) if c.name.split("_", 1)[1].startswith(prefixes)}
        outcomes, problems = run_set(set_number, names)
        all_outcomes[set_number] = outcomes
        for problem in problems:
            print(f"set {set_number}: PROBLEM {problem}")
        print(f"set {set_number}: {time.monotonic() - start:.0f} s")
    for row in summary_rows(all_outcomes):
        print("set {}: wrong caught {}/{}, correct accepted {}/{}".format(*row))
    if not argv and only is None:
        write_results(all_outcomes)
    with open(BLIND_DIR / "last_run.json", "w") as out:
        json.dump({k: [asdict(o) for o in v] for k, v in all_outcomes.items()}, out, indent=1)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
