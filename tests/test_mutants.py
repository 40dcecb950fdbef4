"""Mutation tests: every check must reject typical wrong solutions, with the right likely cause.

``tests/mutants/set_NN_slug.py`` holds the wrong solutions for the exercise set
``solutions/NN_slug.ipynb``. Each module defines

- ``MUTANTS = {"short_name": (run, "substring")}``: ``run()`` builds one wrong solution and calls
  the check on it; it must raise ``rnnlab.checks.CheckFailed`` whose message contains
  ``substring`` (the likely cause the check should name);
- ``CORRECT = {"short_name": run}``: ``run()`` builds the right solution and calls the same
  check(s); it must not raise (so each mutant differs from a solution that passes).

Shared pieces (reference layers, tiny corpora) live in ``tests/mutants/mutant_helpers.py``.
Sizes stay tiny: the whole suite runs in a few minutes on two cores, in quick and full mode.
``python tests/test_mutants.py`` prints, per check, how many wrong solutions it rejects.
"""

import collections
import importlib.util
import pathlib
import sys
import traceback

import pytest

from rnnlab.checks import CheckFailed

HERE = pathlib.Path(__file__).resolve().parent
MUTANT_DIR = HERE / "mutants"
MODULE_PATHS = sorted(MUTANT_DIR.glob("set_*.py"))


def load(path):
    """Import ``tests/mutants/set_*.py`` by path (its folder on sys.path for the helpers)."""
    if str(MUTANT_DIR) not in sys.path:
        sys.path.insert(0, str(MUTANT_DIR))
    spec = importlib.util.spec_from_file_location(f"mutants_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODULES = {path.stem: load(path) for path in MODULE_PATHS}
CASES = [(stem, name) for stem, mod in MODULES.items() for name in getattr(mod, "MUTANTS", {})]
GOOD = [(stem, name) for stem, mod in MODULES.items() for name in getattr(mod, "CORRECT", {})]


def which_check(exc):
    """The name of the innermost ``check_*`` function of rnnlab.checks in the traceback."""
    names = [
        frame.name
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.name.startswith("check_") and "rnnlab" in frame.filename
    ]
    return names[-1] if names else "?"


def test_every_set_has_mutants_and_a_correct_solution():
    assert MODULES, "no tests/mutants/set_*.py found"
    for stem, mod in MODULES.items():
        assert getattr(mod, "MUTANTS", None), f"{stem}: MUTANTS is missing or empty"
        assert getattr(mod, "CORRECT", None), f"{stem}: CORRECT is missing or empty"
        for name, value in mod.MUTANTS.items():
            assert isinstance(value, tuple) and len(value) == 2 and callable(value[0]) and value[1], (
                f"{stem}.MUTANTS[{name!r}] must be (callable, 'substring of the likely cause')"
            )


@pytest.mark.parametrize("stem,name", GOOD, ids=[f"{s}:{n}" for s, n in GOOD])
def test_correct_solution_passes(stem, name, capsys):
    MODULES[stem].CORRECT[name]()
    assert "PASSED" in capsys.readouterr().out


@pytest.mark.parametrize("stem,name", CASES, ids=[f"{s}:{n}" for s, n in CASES])
def test_mutant_is_rejected_with_the_right_cause(stem, name):
    run, cause = MODULES[stem].MUTANTS[name]
    with pytest.raises(CheckFailed) as info:
        run()
    message = str(info.value)
    assert cause in message, f"{stem}:{name} failed, but the message lacks {cause!r}:\n{message}"
    for part in ("expected:", "got:"):
        assert part in message, f"{stem}:{name}: the message lacks the house format ({part})"


def report():
    """Per check: how many wrong solutions it rejects with the intended message."""
    counts, problems = collections.Counter(), []
    for stem, mod in MODULES.items():
        for name, (run, cause) in mod.MUTANTS.items():
            try:
                run()
                problems.append(f"{stem}:{name} PASSED the check")
            except CheckFailed as err:
                counts[(stem, which_check(err))] += 1
                if cause not in str(err):
                    problems.append(f"{stem}:{name} message lacks {cause!r}")
            except Exception as err:  # noqa: BLE001
                problems.append(f"{stem}:{name} raised {type(err).__name__}: {err}")
    for (stem, check), n in sorted(counts.items()):
        print(f"{stem:34} {check:34} {n:3d}")
    print(f"{sum(counts.values())} wrong solutions rejected; {len(problems)} problems")
    for p in problems:
        print("  " + p)


if __name__ == "__main__":
    report()
