"""The checks mirror the exercise sets: ``rnnlab/checks/setNN_*.py`` holds the checks of
``solutions/NN_*.ipynb``, and every public check is exported by ``rnnlab.checks`` (one import
style for every solution: ``from rnnlab import checks``; ``checks.check_x(...)``)."""

import ast
import json
import pathlib
import re

import rnnlab.checks as checks

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHECKS = ROOT / "rnnlab" / "checks"
SET_MODULE = re.compile(r"set(\d\d)_\w+\.py")
PUBLIC = re.compile(r"(check|watch)_\w+")


def _public_functions(path):
    tree = ast.parse(path.read_text())
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and PUBLIC.fullmatch(n.name)]


def test_every_set_module_has_its_solution_notebook():
    modules = sorted(p for p in CHECKS.glob("set*.py"))
    assert modules, "no rnnlab/checks/setNN_*.py found"
    for path in modules:
        match = SET_MODULE.fullmatch(path.name)
        assert match, f"{path.name}: name it setNN_<name>.py, NN the exercise set"
        number = match.group(1)
        assert sorted(ROOT.glob(f"solutions/{number}_*.ipynb")), f"{path.name}: no solutions/{number}_*.ipynb"


def test_every_public_check_is_exported():
    exported = set(checks.__all__)
    missing = [
        f"{path.stem}.{name}"
        for path in sorted(CHECKS.glob("*.py"))
        for name in _public_functions(path)
        if name not in exported
    ]
    assert not missing, f"public checks missing from rnnlab.checks.__all__: {missing}"
    absent = [name for name in checks.__all__ if not hasattr(checks, name)]
    assert not absent, f"named in __all__ but not defined: {absent}"


def test_solutions_use_one_import_style():
    """No solution imports a checks module under an alias: ``checks.check_x`` only."""
    for path in sorted(ROOT.glob("solutions/*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code":
                assert not re.search(r"from rnnlab\.checks(\.\w+)? import", source), (
                    f"{path.name}, cell {cell.get('id')}: use `from rnnlab import checks`"
                )


def test_shared_comparison_helpers():
    import torch

    from rnnlab.checks.core import close, first_cause, max_abs_diff

    a = torch.zeros(2, 3)
    assert close(a, a + 1e-6) and not close(a, a + 1e-4)
    assert not close(a, torch.zeros(3, 2))  # same numbers, another shape
    assert not close(torch.full((2,), float("nan")), torch.zeros(2))  # never close when not finite
    assert max_abs_diff(torch.tensor([1.0, float("inf")]), torch.zeros(2)) == float("inf")
    state = (torch.ones(1, 2), torch.zeros(1, 2))
    assert close(state, [s.clone() for s in state]) and not close(state, state[:1])
    assert not close(state, torch.ones(1, 2))  # a tuple is not a tensor
    table = [(lambda e: e > 2, "big"), (lambda e: e > 0, "positive"), (lambda e: True, "other")]
    assert [first_cause(table, e) for e in (3, 1, -1)] == ["big", "positive", "other"]
    assert first_cause(table[:1], 0) is None


def test_old_module_names_still_import():
    """A learner's notebook from before the layout (``from rnnlab.checks import experiments as
    checks_experiments``) keeps working: the old names give the package."""
    from rnnlab.checks import experiments, iterators, practice

    assert experiments is checks and iterators.check_sequential_iterator is checks.check_sequential_iterator
    assert practice.check_train_lines is checks.check_train_lines
    assert not hasattr(checks, "no_such_module")
