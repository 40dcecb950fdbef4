"""A tiny exercise set (no corpora, no training) and a throwaway book and package to grade it with."""

import pathlib
import shutil

import nbformat

from rnnlab.tools.exercises import add_nbgrader_metadata, make_exercise

V4 = nbformat.v4
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
CHECK_DOUBLE = (
    "got = double(3)\n"
    "if got != 6:\n"
    "    checks.fail('double(3)', 6, got, 'add, not multiply')\n"
    "checks.passed('double(3) == 6')"
)
CHECK_HALF = "if half(4) != 2:\n    checks.fail('half(4)', 2, half(4))\nchecks.passed('half(4) == 2')"


def tiny_solution(double_points=2):
    def code(source, tags=()):
        return V4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {})

    nb = V4.new_notebook(metadata=KERNEL)
    nb.cells = [
        V4.new_markdown_cell("# 0. Tiny"),
        code("from rnnlab import checks"),
        V4.new_markdown_cell("## Exercise 1. Double"),
        code(
            "def double(x):\n    ### BEGIN SOLUTION\n    # HINT: multiply\n    return 2 * x\n"
            "    ### END SOLUTION"
        ),
        code(CHECK_DOUBLE, ["check"]),
        V4.new_markdown_cell("Why multiply?\n\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION"),
        V4.new_markdown_cell("## Exercise 2. Half"),
        code("def half(x):\n    ### BEGIN SOLUTION\n    return x / 2\n    ### END SOLUTION"),
        code(CHECK_HALF, ["check"]),
    ]
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i}"
    add_nbgrader_metadata(nb, "00_tiny")
    nb.cells[4].metadata["nbgrader"]["points"] = double_points
    return nb


def make_book(root, solution=None):
    """A book folder with exercises/00_tiny.ipynb and solutions/00_tiny.ipynb; returns the exercise."""
    root = pathlib.Path(root)
    solution = solution or tiny_solution()
    exercise = make_exercise(solution, "exercises/00_tiny.ipynb")
    for folder, nb in (("exercises", exercise), ("solutions", solution)):
        (root / folder).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, root / folder / "00_tiny.ipynb")
    return exercise


def copy_package(dest):
    """A throwaway copy of rnnlab (hostile submissions attack this one, never the checkout)."""
    import rnnlab

    src = pathlib.Path(rnnlab.__file__).parent
    shutil.copytree(src, pathlib.Path(dest) / "rnnlab", ignore=shutil.ignore_patterns("__pycache__"))
    return pathlib.Path(dest)


def submission(exercise, double_body="return 2 * x", half_body="return x / 2", before_checks=""):
    """The exercise with the stubs filled in and ``before_checks`` as a cell after the imports."""
    nb = nbformat.from_dict(exercise)
    for cell in nb.cells:
        if cell.source.startswith("def double") and double_body is not None:
            cell.source = "def double(x):\n" + "\n".join("    " + ln for ln in double_body.split("\n"))
        elif cell.source.startswith("def half") and half_body is not None:
            cell.source = f"def half(x):\n    {half_body}"
        elif "_Write your answer here._" in cell.source:
            cell.source = "Because doubling is multiplying by two."
    if before_checks:
        at = next(i for i, c in enumerate(nb.cells) if c.source.startswith("from rnnlab import checks"))
        nb.cells.insert(at + 1, V4.new_code_cell(before_checks, id="attack"))
    return nb
