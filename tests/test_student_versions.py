"""Student notebooks carry no result of the solution run, and the titles say which is which.

The generator (rnnlab.tools.exercises) enforces the rule: ``make_exercise`` refuses a solution whose
kept markdown quotes a number printed by its stored outputs, drops cells tagged ``solution-only``
and retitles "Solutions N · Topic" as "Exercises N · Topic". These tests check the rule on every
committed pair and prove on a tiny notebook that the generator can refuse.
"""

import pathlib
import re

import nbformat
import pytest

from rnnlab.tools.exercises import (
    NUMBER,
    SOLUTION_ONLY_TAG,
    ResultLeak,
    _numbers,
    _output_text,
    make_exercise,
    result_leaks,
    tags,
)

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
V4 = nbformat.v4


def title(nb):
    return next(
        c.source.lstrip().split("\n")[0]
        for c in nb.cells
        if c.cell_type == "markdown" and c.source.lstrip().startswith("# ")
    )


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_titles_say_solutions_and_exercises(path):
    n = int(path.name[:2])
    solution = nbformat.read(path, as_version=4)
    assert re.fullmatch(rf"# Solutions {n} · \S.*", title(solution)), title(solution)
    exercise = ROOT / "exercises" / path.name
    assert exercise.exists(), f"{exercise.name} is missing: run python -m rnnlab exercises"
    assert re.fullmatch(rf"# Exercises {n} · \S.*", title(nbformat.read(exercise, as_version=4)))


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_student_version_quotes_no_measured_number(path):
    solution = nbformat.read(path, as_version=4)
    assert result_leaks(solution) == []
    measured = set().union(*(_numbers(_output_text(c)) for c in solution.cells if c.cell_type == "code"))
    code = " ".join(c.source for c in solution.cells if c.cell_type == "code")
    exercise = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    for cell in exercise.cells:
        assert SOLUTION_ONLY_TAG not in tags(cell)
        if cell.cell_type != "markdown":
            assert not cell.get("outputs")
            continue
        allowed = set()
        for src in solution.cells:  # numbers the solution's author allowed in that cell
            if src.get("id") == cell.get("id"):
                allowed = set(src.metadata.get("rnnlab", {}).get("allow_numbers", []))
        for number in NUMBER.findall(cell.source):
            plain = number.replace(",", "")
            assert plain not in measured or plain in code or number in allowed, (
                f"{path.name}: the student version quotes {number}, printed by the solution run:\n"
                f"{cell.source[:300]}"
            )


def tiny(markdown, output_text, tag=None):
    nb = V4.new_notebook()
    code = V4.new_code_cell("print(error)")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text=output_text)]
    md = V4.new_markdown_cell(markdown)
    if tag:
        md.metadata["tags"] = [tag]
    nb.cells = [V4.new_markdown_cell("# Solutions 7 · Tiny"), code, md]
    return nb


def test_generator_refuses_a_measured_number_and_drops_solution_only_cells():
    with pytest.raises(ResultLeak, match="0.0731"):
        make_exercise(tiny("The error was 0.0731.", "error 0.0731\n"), "exercises/07_tiny.ipynb")
    with pytest.raises(ResultLeak, match="4,513"):
        make_exercise(tiny("It has 4,513 parameters.", "4,513 parameters\n"), "exercises/07_tiny.ipynb")
    ok = make_exercise(
        tiny("The error was 0.0731.", "error 0.0731\n", SOLUTION_ONLY_TAG), "exercises/07_tiny.ipynb"
    )
    assert all("0.0731" not in c.source for c in ok.cells if c.cell_type == "markdown")
    assert any(c.source.startswith("# Exercises 7 · Tiny") for c in ok.cells)
    allowed = tiny("The floor is 0.0731.", "error 0.0731\n")
    allowed.cells[2].metadata["rnnlab"] = {"allow_numbers": ["0.0731"]}
    make_exercise(allowed, "exercises/07_tiny.ipynb")
