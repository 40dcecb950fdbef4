"""Grade a folder of submitted exercise notebooks: ``python -m rnnlab grade SUBMISSIONS --out grades.csv``.

SUBMISSIONS holds one folder per student with their notebooks (``alice/03_rnn_scratch.ipynb``),
or loose files named ``STUDENT__EXERCISE.ipynb`` (``alice__03_rnn_scratch.ipynb``), or both.
Each notebook runs in a fresh kernel, in a temporary copy (the submission is never modified),
with a timeout per cell, a memory limit on the kernel process and a cap on captured output.
The check cells are those of ``exercises/EXERCISE.ipynb`` (found by cell id, else by source): their
source is restored from there, so an edited check cannot pass, and a deleted one counts as not run.
Each check is recorded as passed, failed (with its message), not attempted (the stub's
``NotImplementedError``) or not run (the kernel died or timed out before it).

THIS RUNS UNTRUSTED CODE with the rights of the user who runs it: use a container for real courses.
"""
import csv
import os
import pathlib
import re
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from .assign import CHECK_TAG, tags
from ..checks import PASS_PREFIX

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
FIELDS = ["student", "exercise", "passed", "total", "status", "seconds",
          "failed", "not_attempted", "not_run", "feedback"]


@dataclass
class Check:
    name: str
    status: str = "not run"      # passed | failed | not attempted | not run
    message: str = ""


@dataclass
class Result:
    student: str
    exercise: str
    status: str = "ok"
    seconds: float = 0.0
    checks: list = field(default_factory=list)
    errors: list = field(default_factory=list)   # (cell number, one line) of non-check cells

    def count(self, status):
        return sum(c.status == status for c in self.checks)


class CappedClient(NotebookClient):
    """A NotebookClient that stops keeping outputs once ``max_output`` characters came in."""

    def __init__(self, nb, max_output, **kw):
        super().__init__(nb, **kw)
        self.max_output, self.output_chars, self.capped = max_output, 0, False
        self.current_index = None

    async def async_execute_cell(self, cell, cell_index, *args, **kw):
        self.current_index = cell_index  # so a timeout or a dead kernel can be pinned to its cell
        return await super().async_execute_cell(cell, cell_index, *args, **kw)

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(str(content.get("text", ""))) + sum(len(str(v)) for v in content.get("data", {}).values())
        self.output_chars += size
        if msg.get("msg_type") != "error" and self.output_chars > self.max_output:
            if not self.capped:
                self.capped = True
                outs.append(nbformat.v4.new_output(
                    "stream", name="stderr", text=f"\n[grader: output capped at {self.max_output:,} characters]\n"))
            kept = [line for line in str(content.get("text", "")).splitlines() if line.startswith(PASS_PREFIX)]
            if kept:  # a check's verdict is kept even past the cap
                outs.append(nbformat.v4.new_output("stream", name="stdout", text="\n".join(kept) + "\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)


def find_submissions(root):
    """[(student, exercise, path)] under ``root``, sorted."""
    root, found = pathlib.Path(root), []
    for path in sorted(root.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        rel = path.relative_to(root)
        if len(rel.parts) >= 2:
            found.append((rel.parts[0], path.stem, path))
        elif "__" in path.stem:
            student, exercise = path.stem.split("__", 1)
            found.append((student, exercise, path))
        else:
            print(f"skipping {rel}: name it STUDENT__EXERCISE.ipynb or put it in a folder per student")
    return found


def check_name(source):
    for line in source.splitlines():
        if "checks." in line and not line.strip().startswith(("#", "import", "from")):
            return line.strip()[:80]
    for line in source.splitlines():
        if line.strip() and not line.strip().startswith("#"):
            return line.strip()[:80]
    return source.strip()[:80]


def _output_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def _error(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return out
    return None


def judge(cell):
    """(status, message) of an executed check cell."""
    if cell.get("execution_count") is None and not cell.get("outputs"):
        return "not run", ""
    err = _error(cell)
    if err is None:
        if any(line.startswith(PASS_PREFIX) for line in _output_text(cell).splitlines()):
            return "passed", _output_text(cell).strip()[-2000:]
        return "failed", "the check printed no PASSED line"
    if err["ename"] == "NotImplementedError":
        return "not attempted", ANSI.sub("", err["evalue"])
    if err["ename"] == "KeyboardInterrupt":
        return "failed", "interrupted: the cell ran past the time limit"
    return "failed", f"{err['ename']}: {ANSI.sub('', err['evalue'])}"[:4000]


def restore_checks(nb, reference):
    """Put the reference check cells' source into ``nb``; return [(cell or None, Check)]."""
    if reference is None:
        return [(c, Check(check_name(c.source))) for c in nb.cells if CHECK_TAG in tags(c)]
    by_id = {c.get("id"): c for c in nb.cells if c.get("id")}
    by_source = {c.source: c for c in nb.cells if c.cell_type == "code"}
    pairs = []
    for ref in reference.cells:
        if CHECK_TAG not in tags(ref):
            continue
        cell = by_id.get(ref.get("id")) or by_source.get(ref.source)
        check = Check(check_name(ref.source))
        if cell is None or cell.cell_type != "code":
            check.message, cell = "the check cell is missing from the submission", None
        else:
            cell.source = ref.source
        pairs.append((cell, check))
    return pairs


def memory_limiter(memory_gb):
    def limit():  # runs in the kernel process before it starts
        if memory_gb:
            size = int(memory_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
    return limit


def grade_notebook(path, student, exercise, reference=None, timeout=300, memory_gb=4.0,
                   max_output=1_000_000, quick=False):
    """Run one submission; return its Result (never raises for a bad submission)."""
    result, start, stopped = Result(student, exercise), time.perf_counter(), None
    try:
        nb = nbformat.read(path, as_version=4)
        nb.cells  # noqa: B018  (a JSON file that is not a notebook fails here)
    except Exception as err:  # not JSON, not a notebook
        result.status = f"invalid notebook: {type(err).__name__}: {str(err).splitlines()[0][:200] if str(err) else ''}"
        n = sum(CHECK_TAG in tags(c) for c in reference.cells) if reference else 0
        result.checks = [Check(f"check {i + 1}", "not run", "the notebook could not be read") for i in range(n)]
        return result
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    pairs = restore_checks(nb, reference)
    env = dict(os.environ, MPLBACKEND="agg", PYTHONUNBUFFERED="1")
    if quick:
        env["RNNLAB_QUICK"] = "1"
    workdir = tempfile.mkdtemp(prefix="rnnlab-grade-")
    try:
        shutil.copy(path, pathlib.Path(workdir) / "submission.ipynb")
        client = CappedClient(nb, max_output, timeout=timeout, kernel_name="python3", allow_errors=True,
                              interrupt_on_timeout=False, shutdown_kernel="immediate",
                              resources={"metadata": {"path": workdir}})
        try:
            client.execute(preexec_fn=memory_limiter(memory_gb), env=env, cwd=workdir)
        except CellTimeoutError:
            stopped = f"cell {client.current_index} ran past the {timeout} s time limit"
            result.status = f"timeout: {stopped}"
        except DeadKernelError:
            stopped = f"the kernel died in cell {client.current_index} (os._exit, a crash, or the {memory_gb:g} GB memory limit)"
            result.status = f"kernel died: {stopped}"
        except Exception as err:  # anything else the kernel machinery throws
            result.status = f"error while running: {type(err).__name__}: {str(err)[:200]}"
        if client.capped:
            result.status += f"; output capped ({client.output_chars:,} characters printed)"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for cell, check in pairs:
        if cell is not None:
            check.status, check.message = judge(cell)
            if stopped and any(c is cell for c in nb.cells[client.current_index:][:1]):
                check.status, check.message = "failed", stopped
            elif stopped and check.status == "not run":
                check.message = f"not run: {stopped}"
        result.checks.append(check)
    checks = {id(c) for c, _ in pairs}
    for number, cell in enumerate(nb.cells):
        err = _error(cell) if cell.cell_type == "code" and id(cell) not in checks else None
        if err is not None and err["ename"] != "NotImplementedError":
            result.errors.append((number, f"{err['ename']}: {ANSI.sub('', err['evalue'])}"[:300]))
    result.seconds = time.perf_counter() - start
    return result


def feedback_markdown(r):
    lines = [f"# Feedback: {r.student}, {r.exercise}", "",
             f"**{r.count('passed')} of {len(r.checks)} checks passed.** Status: {r.status}. "
             f"Ran in {r.seconds:.0f} s.", ""]
    for i, c in enumerate(r.checks, 1):
        lines += [f"## Check {i}: {c.status}", "", f"`{c.name}`", ""]
        if c.message:
            lines += ["```", c.message.strip(), "```", ""]
    if r.errors:
        lines += ["## Other cells that raised an error", ""]
        lines += [f"- cell {n}: `{msg.splitlines()[0] if msg else ''}`" for n, msg in r.errors[:10]]
    return "\n".join(lines) + "\n"


def grade_folder(submissions, out, exercises="exercises", feedback=None, **options):
    """Grade every submission under ``submissions``; write the CSV ``out``; return the Results."""
    out = pathlib.Path(out)
    feedback = pathlib.Path(feedback) if feedback else out.with_name(out.stem + "_feedback")
    found = find_submissions(submissions)
    print(f"grading {len(found)} submissions from {submissions}", flush=True)
    results, rows = [], []
    for i, (student, exercise, path) in enumerate(found, 1):
        ref_path = pathlib.Path(exercises) / f"{exercise}.ipynb"
        reference = nbformat.read(ref_path, as_version=4) if ref_path.exists() else None
        r = grade_notebook(path, student, exercise, reference, **options)
        if reference is None:
            r.status += f"; no {ref_path} (checks taken from the submission)"
        fb = feedback / student / f"{exercise}.md"
        fb.parent.mkdir(parents=True, exist_ok=True)
        fb.write_text(feedback_markdown(r))
        rows.append(dict(student=student, exercise=exercise, passed=r.count("passed"), total=len(r.checks),
                         status=r.status, seconds=f"{r.seconds:.1f}", failed=r.count("failed"),
                         not_attempted=r.count("not attempted"), not_run=r.count("not run"), feedback=str(fb)))
        results.append(r)
        print(f"[{i}/{len(found)}] {student} {exercise}: {r.count('passed')}/{len(r.checks)} checks passed, "
              f"{r.status} ({r.seconds:.0f} s)", flush=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {out} and feedback in {feedback}/")
    return results


def add_arguments(parser):
    parser.add_argument("submissions", help="folder: STUDENT/EXERCISE.ipynb or STUDENT__EXERCISE.ipynb")
    parser.add_argument("--out", default="grades.csv", help="the grade table (CSV)")
    parser.add_argument("--feedback", default=None, help="feedback folder (default: next to --out)")
    parser.add_argument("--exercises", default="exercises", help="the reference exercise notebooks")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--memory-gb", type=float, default=4.0, help="address-space limit of each kernel")
    parser.add_argument("--max-output", type=int, default=1_000_000, help="characters of output kept")
    parser.add_argument("--quick", action="store_true", help="run the kernels with RNNLAB_QUICK=1")


def main(args):
    if not pathlib.Path(args.submissions).is_dir():
        sys.exit(f"{args.submissions} is not a folder of submissions")
    grade_folder(args.submissions, args.out, exercises=args.exercises, feedback=args.feedback,
                 timeout=args.timeout, memory_gb=args.memory_gb, max_output=args.max_output, quick=args.quick)
