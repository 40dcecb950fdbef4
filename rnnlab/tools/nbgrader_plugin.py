"""nbgrader plugins for the book (used by ``nbgrader_config.py``; needs ``pip install nbgrader``).

``HintedClearSolutions`` replaces nbgrader's ``ClearSolutions`` in ``generate_assignment``: it
writes the same stubs as ``python -m rnnlab exercises`` (the ``# HINT:`` lines stay, and the
``NotImplementedError`` carries the hint), where nbgrader's own would drop the hints.
"""

from nbgrader.converters.generate_assignment import GenerateAssignment
from nbgrader.preprocessors import ClearSolutions

from .exercises import replace_regions


class HintedClearSolutions(ClearSolutions):
    def _replace_solution_region(self, cell, language):
        cell.source, n = replace_regions(cell.source, cell.cell_type)
        return n > 0


def generate_preprocessors():
    """nbgrader's generate_assignment steps with ClearSolutions replaced by the hinted one."""
    return [
        HintedClearSolutions if p is ClearSolutions else p
        for p in GenerateAssignment.class_traits()["preprocessors"].default()
    ]
