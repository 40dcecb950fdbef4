"""nbgrader plugins for the book (used by ``nbgrader_config.py``; needs ``pip install nbgrader``).

``HintedClearSolutions`` replaces nbgrader's ``ClearSolutions`` in ``generate_assignment`` so that
the release of ``solutions/NN_slug.ipynb`` is the book's own student version ``exercises/NN_slug``,
cell by cell: the same stubs as ``python -m rnnlab exercises`` (the ``# HINT:`` lines stay and the
``NotImplementedError`` carries the hint, where nbgrader's own would drop them), the title
"Exercises N · Topic" instead of "Solutions N", the instructions cell after it, and no cell tagged
``solution-only`` (a summary of the solution's results would answer written questions).

Use ``solutions/`` as nbgrader's source, never ``exercises/``: nbgrader replaces a solution cell
without ``### BEGIN SOLUTION`` markers whole, so the skeletons, hints and question texts of the
student version would be wiped.
"""

import nbformat
from nbgrader.converters.generate_assignment import GenerateAssignment
from nbgrader.preprocessors import ClearSolutions

from .exercises import INTRO, INTRO_ID, SOLUTION_ONLY_TAG, replace_regions, student_title, tags


def student_cells(nb):
    """Drop solution-only cells, retitle the first title cell, put the instructions after it."""
    nb.cells = [c for c in nb.cells if SOLUTION_ONLY_TAG not in tags(c)]
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("# "):
            cell.source = student_title(cell.source)
            if not any(c.get("id") == INTRO_ID for c in nb.cells):
                nb.cells.insert(index + 1, nbformat.v4.new_markdown_cell(INTRO, id=INTRO_ID))
            break
    return nb


class HintedClearSolutions(ClearSolutions):
    def preprocess(self, nb, resources):
        return super().preprocess(student_cells(nb), resources)

    def _replace_solution_region(self, cell, language):
        cell.source, n = replace_regions(cell.source, cell.cell_type)
        return n > 0


def generate_preprocessors():
    """nbgrader's generate_assignment steps with ClearSolutions replaced by the book's."""
    return [
        HintedClearSolutions if p is ClearSolutions else p
        for p in GenerateAssignment.class_traits()["preprocessors"].default()
    ]
