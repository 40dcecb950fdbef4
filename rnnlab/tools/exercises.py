"""Solutions -> exercises: write the student notebooks from the solution notebooks.

``solutions/NN_slug.ipynb`` is the source. In it:

- a solution region in a code cell is marked as nbgrader marks it::

      ### BEGIN SOLUTION
      # HINT: one or more optional hint lines, kept for the learner
      ...the solution...
      ### END SOLUTION

  and becomes a stub (same indentation) that raises ``NotImplementedError`` with the hint;
- a region in a markdown cell (a written answer) becomes the prompt ``_Write your answer here._``;
- a check cell (calling ``rnnlab.checks``) is tagged ``check``.

``python -m rnnlab exercises`` writes ``exercises/NN_slug.ipynb``: regions replaced, outputs and
execution counts cleared, cell ids kept (so the output is deterministic and the grader can find
the check cells of a submission), header cells pointing at the exercise, and every code cell from
the first stub on tagged ``raises-exception`` (in the student version those cells may fail until
the learner has written the code; nbval and "Run all" then go on). It also gives the solution
notebooks nbgrader's cell metadata, so they are valid nbgrader sources. ``--check`` only lists
stale files.
"""

import copy
import hashlib
import pathlib
import re

import nbformat

from .headers import apply_headers, read_repository

BEGIN = re.compile(r"^([ \t]*)### BEGIN SOLUTION[ \t]*$")
END = re.compile(r"^[ \t]*### END SOLUTION[ \t]*$")
HINT = re.compile(r"^[ \t]*# HINT:[ \t]?(.*)$")
CHECK_TAG = "check"
RAISES_TAG = "raises-exception"
ANSWER_PROMPT = "_Write your answer here._"
INTRO_ID = "exercise-instructions"
INTRO = (
    "**Exercise notebook.** Replace each `raise NotImplementedError(...)` under "
    "`# YOUR CODE HERE` with your code and each _Write your answer here._ with your answer, "
    "then run the check cell that follows: it prints `PASSED` and what it verified, or says "
    "what it expected, what came instead and the likely mistake."
)
KEEP_CELL_METADATA = ("tags", "nbgrader")  # nbgrader's metadata: the book's exercises autograde
KEEP_NB_METADATA = ("kernelspec", "language_info")


class RegionError(ValueError):
    """A solution region is not closed, or closed without being opened."""


# --- no solution results in the student version --------------------------------------------
# A student notebook carries no result of the solution's run: its title is "Exercises N · Topic"
# (the solution's "Solutions N · Topic"), cells tagged ``solution-only`` (a summary of results) are
# left out, and a markdown cell kept in it may not quote a number that the solution's stored
# outputs print (a decimal like 0.059 or a grouped integer like 4,513), unless that number is in
# the notebook's code (a setting) or listed in the
# cell's metadata ``{"rnnlab": {"allow_numbers": ["0.04"]}}`` (a number the statement derives).

SOLUTION_ONLY_TAG = "solution-only"
NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w])")  # 0.059, 4,513
CODE_NUMBER = re.compile(r"(?<![\w.])\d[\d_]*(?:\.\d+)?")


def _numbers(text, pattern=NUMBER):
    return {n.replace(",", "").replace("_", "") for n in pattern.findall(text)}


TITLE = re.compile(
    r"^# (?:Solutions (?P<n>\d+) · (?P<topic>.+)|(?P<n2>\d+)\. (?P<topic2>.+?): Exercises and "
    r"Solutions)[ \t]*$",
    re.M,
)


class ResultLeak(ValueError):
    """A student notebook would quote a measured number of the solution run."""


def student_title(source):
    """'# Solutions N · Topic' (or '# N. Topic: Exercises and Solutions') -> '# Exercises N · Topic'."""

    def repl(m):
        return f"# Exercises {m.group('n') or m.group('n2')} · {m.group('topic') or m.group('topic2')}"

    return TITLE.sub(repl, source, count=1)


def _output_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", "") if isinstance(out.get("text", ""), str) else "".join(out["text"]))
        data = out.get("data", {}).get("text/plain", "")
        parts.append(data if isinstance(data, str) else "".join(data))
    return "\n".join(parts)


def result_leaks(solution):
    """[(cell index, number)] for decimal numbers of the solution's outputs quoted in markdown
    that the student version keeps (outside solution regions, not tagged solution-only)."""
    code = [c for c in solution.cells if c.cell_type == "code"]
    measured = set().union(*(_numbers(_output_text(c)) for c in code))
    settings = set().union(*(_numbers(c.source, CODE_NUMBER) for c in code))
    leaks = []
    for index, cell in enumerate(solution.cells):
        if cell.cell_type != "markdown" or SOLUTION_ONLY_TAG in tags(cell):
            continue
        allowed = set(cell.get("metadata", {}).get("rnnlab", {}).get("allow_numbers", []))
        kept, _ = replace_regions(cell.source, "markdown")
        leaks += [
            (index, n)
            for n in NUMBER.findall(kept)
            if n.replace(",", "") in measured - settings - {a.replace(",", "") for a in allowed}
        ]
    return leaks


def tags(cell):
    return list(cell.get("metadata", {}).get("tags", []))


def replace_regions(source, cell_type):
    """Return (source with every solution region replaced, number of regions)."""
    out, n, lines = [], 0, source.split("\n")
    i = 0
    while i < len(lines):
        begin = BEGIN.match(lines[i])
        if END.match(lines[i]):
            raise RegionError(f"'### END SOLUTION' without BEGIN at line {i + 1}")
        if not begin:
            out.append(lines[i])
            i += 1
            continue
        indent, j, hints = begin.group(1), i + 1, []
        while j < len(lines) and HINT.match(lines[j]):
            hints.append(HINT.match(lines[j]).group(1).strip())
            j += 1
        while j < len(lines) and not END.match(lines[j]):
            if BEGIN.match(lines[j]):
                raise RegionError(f"nested '### BEGIN SOLUTION' at line {j + 1}")
            j += 1
        if j == len(lines):
            raise RegionError(f"'### BEGIN SOLUTION' at line {i + 1} has no END")
        if cell_type == "code":
            out.append(f"{indent}# YOUR CODE HERE")
            out.extend(f"{indent}# HINT: {h}" for h in hints)
            message = "Hint: " + " ".join(hints) if hints else "write your code here"
            out.extend(_raise_lines(indent, message))
        else:
            out.append(f"{indent}{ANSWER_PROMPT}")
        n += 1
        i = j + 1
    return "\n".join(out), n


def _raise_lines(indent, message, width=88):
    """``raise NotImplementedError(message)`` with the message split into adjacent string
    literals, so that no line of the stub is wider than ``width`` columns."""
    head = f"{indent}raise NotImplementedError("
    if len(head) + len(repr(message)) + 1 <= width:
        return [f"{head}{message!r})"]
    words, chunks = re.split(r"(?<= )", message), [""]
    for word in words:
        if chunks[-1] and len(head) + len(repr(chunks[-1] + word)) + 1 > width:
            chunks.append("")
        chunks[-1] += word
    lines = [" " * len(head) + repr(chunk) for chunk in chunks]
    lines[0] = head + lines[0].lstrip()
    lines[-1] += ")"
    return lines


def _cell_id(cell, index, seen):
    cid = cell.get("id")
    if not cid or cid in seen:
        digest = hashlib.sha1(f"{index}:{cell.source}".encode()).hexdigest()[:8]
        cid = f"cell-{index}-{digest}"
    seen.add(cid)
    return cid


def make_exercise(solution, nb_path, repo="owner/name", branch="main"):
    """The student version of ``solution`` (a NotebookNode; not modified)."""
    leaks = result_leaks(solution)
    if leaks:
        raise ResultLeak(
            f"{nb_path}: the student version would quote results of the solution run: "
            + ", ".join(f"cell {i}: {n}" for i, n in leaks)
            + ". Move them into a solution "
            "region, tag the cell solution-only, or list a number the statement derives in "
            "the cell's metadata rnnlab.allow_numbers."
        )
    nb = copy.deepcopy(solution)
    nb.cells = [c for c in nb.cells if SOLUTION_ONLY_TAG not in tags(c)]
    nb.nbformat, nb.nbformat_minor = 4, max(5, nb.get("nbformat_minor", 5))
    nb.metadata = {k: nb.metadata[k] for k in KEEP_NB_METADATA if k in nb.metadata}
    seen, cells, stubbed, intro = set(), [], False, False
    for index, cell in enumerate(nb.cells):
        cell.id = _cell_id(cell, index, seen)
        cell.metadata = {k: cell.metadata[k] for k in KEEP_CELL_METADATA if k in cell.metadata}
        try:
            cell.source, n = replace_regions(cell.source, cell.cell_type)
        except RegionError as err:
            raise RegionError(f"{nb_path}, cell {index}: {err}") from None
        cell_tags = tags(cell)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            stubbed = stubbed or n > 0
            if (stubbed or CHECK_TAG in cell_tags) and RAISES_TAG not in cell_tags:
                cell_tags.append(RAISES_TAG)
            if CHECK_TAG in cell_tags:
                cell.metadata.update(editable=False, deletable=False)
        cell.metadata.pop("tags", None)
        if cell_tags:
            cell.metadata["tags"] = cell_tags
        cells.append(cell)
        if not intro and cell.cell_type == "markdown" and cell.source.lstrip().startswith("# "):
            cell.source = student_title(cell.source)
            cells.append(nbformat.v4.new_markdown_cell(INTRO, id=INTRO_ID))  # after the title
            intro = True
    nb.cells = cells
    apply_headers(nb, repo, branch, nb_path)
    for cell in nb.cells[:2]:  # header cells the solution lacked get fixed ids, not random ones
        if cell.id not in seen:
            cell.id = tags(cell)[0]
    return nb


def add_nbgrader_metadata(nb, stem):
    """Give solution and check cells nbgrader's metadata; return True if ``nb`` changed."""
    changed, seen = False, set()
    if nb.get("nbformat_minor", 0) < 5:
        nb.nbformat_minor, changed = 5, True
    for index, cell in enumerate(nb.cells):
        if not cell.get("id"):
            cell.id, changed = _cell_id(cell, index, seen), True
        seen.add(cell.id)
        _, n = replace_regions(cell.source, cell.cell_type)
        is_check = CHECK_TAG in tags(cell)
        meta, points = None, cell.metadata.get("nbgrader", {}).get("points", 1)  # an author's points stay
        if n and cell.cell_type == "code":
            meta = dict(grade=False, locked=False, solution=True)
        elif n:  # a written answer: nbgrader grades it by hand
            meta = dict(grade=True, locked=False, points=points, solution=True)
        elif is_check:
            meta = dict(grade=True, locked=True, points=points, solution=False)
        if meta is not None:
            meta.update(grade_id=f"{stem}-{cell.id}", schema_version=3, task=False)
        if cell.metadata.get("nbgrader") != meta:
            if meta is None:
                cell.metadata.pop("nbgrader", None)
            else:
                cell.metadata["nbgrader"] = meta
            changed = True
    return changed


def _text(nb):
    return nbformat.writes(nb) + "\n"


def sync_exercises(root=".", check=False):
    """Write exercises/ from solutions/ (or with ``check``, only list what is stale).

    Returns the list of paths that were (or would be) written or removed.
    """
    root = pathlib.Path(root)
    repo, branch = read_repository(root / "_config.yml")
    (root / "exercises").mkdir(exist_ok=True)
    stale, expected, leaks = [], set(), []
    for src in sorted((root / "solutions").glob("*.ipynb")):
        solution = nbformat.read(src, as_version=4)
        if add_nbgrader_metadata(solution, src.stem):
            stale.append(f"solutions/{src.name} (nbgrader metadata)")
            if not check:
                src.write_text(_text(solution))
        dst = root / "exercises" / src.name
        expected.add(dst.name)
        try:
            text = _text(make_exercise(solution, f"exercises/{src.name}", repo, branch))
        except ResultLeak as err:  # write the others, then refuse
            leaks.append(str(err))
            continue
        if not dst.exists() or dst.read_text() != text:
            stale.append(f"exercises/{src.name}")
            if not check:
                dst.write_text(text)
    for dst in sorted((root / "exercises").glob("*.ipynb")):
        if dst.name not in expected:
            stale.append(f"exercises/{dst.name} (no solution)")
            if not check:
                dst.unlink()
    if leaks:
        raise ResultLeak("\n".join(leaks))
    return stale
