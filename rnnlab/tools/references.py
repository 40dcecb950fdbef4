"""The grader's reference: the check cells, points and answer prompts of each exercise set.

They are read once, before any submission runs, from the book (``exercises/`` and
``solutions/`` next to the installed package, or an explicit ``--book``), never from the working
folder or a submission. Points come from nbgrader's ``points`` in the solutions (1 when unset) and
are grouped by the ``## Exercise N`` heading above each cell.
"""

import ast
import pathlib
import re
from dataclasses import dataclass, field

import nbformat

from .exercises import ANSWER_PROMPT, CHECK_TAG, tags

# "## Exercise 2. Title" or "## Questions from chapter 5" starts a group of checks and answers
HEADING = re.compile(r"^#{1,4}\s+((?:Exercise|Questions from chapter)\s+\d+)(.*)$", re.MULTILINE)


class SetupError(RuntimeError):
    """The grader cannot grade fairly (no references, a broken solution, no sandbox...)."""


@dataclass
class Item:
    """A check cell or a written-answer cell of the reference."""

    id: str
    source: str
    exercise: str  # "Exercise 2", "Questions from chapter 5", or "Exercises" before the first heading
    points: float = 1.0
    index: int = 0  # position in the reference notebook


@dataclass
class Reference:
    name: str  # "05_bptt"
    exercise_nb: object  # the student version (what submissions were made from)
    solution_path: pathlib.Path
    checks: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    imports: str = ""  # the import statements of the reference, re-run before each check
    titles: dict = field(default_factory=dict)  # "Exercise 2" -> "Exercise 2. How far back ..."
    solution_cells: list = field(default_factory=list)  # ids of the cells a student fills in

    @property
    def exercises(self):
        seen = []
        for item in self.checks + self.answers:
            if item.exercise not in seen:
                seen.append(item.exercise)
        return seen

    def max_points(self, exercise=None):
        """The points of the checks (graded automatically)."""
        return sum(c.points for c in self.checks if exercise in (None, c.exercise))

    def written_points(self, exercise=None):
        """The points of the written answers (graded by hand)."""
        return sum(a.points for a in self.answers if exercise in (None, a.exercise))

    def total_points(self):
        return self.max_points() + self.written_points()

    def title(self, exercise):
        return self.titles.get(exercise, exercise)


def find_book(book=None):
    """The book's root: ``book`` if given, else the checkout that holds the installed package."""
    if book is not None:
        root = pathlib.Path(book).resolve()
    else:
        import rnnlab

        root = pathlib.Path(rnnlab.__file__).resolve().parents[1]
    if not (root / "exercises").is_dir() or not (root / "solutions").is_dir():
        raise SetupError(f"no exercises/ and solutions/ in {root}: give the book's folder with --book")
    return root


def _points(cell):
    try:
        return float(cell.metadata.get("nbgrader", {}).get("points", 1))
    except (TypeError, ValueError):
        return 1.0


def import_lines(nb):
    """The top-level import statements of ``nb``'s code cells, as one source text."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                lines.append(ast.unparse(node))
    return "\n".join(dict.fromkeys(lines))


def load_reference(exercise_path, solution_path):
    exercise_nb = nbformat.read(exercise_path, as_version=4)
    solution = nbformat.read(solution_path, as_version=4)
    points = {c.get("id"): _points(c) for c in solution.cells}
    written = {
        c.get("id") for c in solution.cells if c.cell_type == "markdown" and "### BEGIN SOLUTION" in c.source
    }
    ref = Reference(
        pathlib.Path(exercise_path).stem,
        exercise_nb,
        pathlib.Path(solution_path),
        imports=import_lines(exercise_nb),
    )
    current = "Exercises"
    for index, cell in enumerate(exercise_nb.cells):
        if cell.cell_type == "markdown":
            match = HEADING.search(cell.source)
            if match:
                current = " ".join(match.group(1).split())
                ref.titles[current] = " ".join((match.group(1) + match.group(2)).split()).rstrip(".")
            if cell.get("id") in written and ANSWER_PROMPT in cell.source:
                ref.answers.append(Item(cell.id, cell.source, current, points.get(cell.id, 1.0), index))
        elif CHECK_TAG in tags(cell):
            ref.checks.append(Item(cell.id, cell.source, current, points.get(cell.id, 1.0), index))
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            ref.solution_cells.append(cell.id)
    if not ref.checks:
        raise SetupError(f"{exercise_path} has no check cells")
    return ref


def load_references(book):
    """{exercise set name: Reference} for every exercise set with a solution."""
    book = pathlib.Path(book)
    refs = {}
    for path in sorted((book / "exercises").glob("*.ipynb")):
        solution = book / "solutions" / path.name
        if solution.is_file():
            refs[path.stem] = load_reference(path, solution)
    if not refs:
        raise SetupError(f"no exercise notebooks with solutions in {book}")
    return refs
