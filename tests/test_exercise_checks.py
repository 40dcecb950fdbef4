"""Every check must fail on the stubs (exercises/) and pass on the solutions (solutions/).

nbval runs both folders (``make test-notebooks``). In solutions/ a check that raises fails nbval.
In exercises/ the check cells are tagged ``raises-exception``, and nbval (0.11, plugin.py) does
NOT fail a cell so tagged when it runs cleanly; exercises/conftest.py adds that rule. These tests
prove the rule works on a tiny notebook and that the exercises are built so that it applies.
"""

import ast
import importlib
import pathlib
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from rnnlab.tools.exercises import CHECK_TAG, RAISES_TAG, make_exercise, replace_regions, tags

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
V4 = nbformat.v4


def tiny_exercise(check_source):
    nb = V4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    nb.cells = [
        V4.new_markdown_cell("# 0. Tiny"),
        V4.new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
        V4.new_code_cell(check_source, metadata={"tags": [CHECK_TAG]}),
    ]
    return make_exercise(nb, "exercises/tiny.ipynb")


@pytest.mark.slow
def test_nbval_with_our_hook_fails_a_check_that_cannot_fail(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(ROOT / "exercises" / "conftest.py", folder / "conftest.py")
    nbformat.write(tiny_exercise("assert double(3) == 6\nprint('PASSED: double')"), folder / "good.ipynb")
    nbformat.write(tiny_exercise("print('PASSED: nothing checked')"), folder / "toothless.ipynb")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-q",
            "exercises",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "1 failed" in out and "toothless.ipynb" in out and "cannot tell" in out, out
    assert "good.ipynb::Cell 3 FAILED" not in out


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_every_check_follows_a_stub_and_may_raise(path):
    nb = nbformat.read(path, as_version=4)
    seen_stub, checks = False, 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        seen_stub = seen_stub or "raise NotImplementedError(" in cell.source
        if CHECK_TAG in tags(cell):
            checks += 1
            assert seen_stub, f"{path.name}: a check before any stub cannot fail on the stubs:\n{cell.source}"
            assert RAISES_TAG in tags(cell)
        assert replace_regions(cell.source, "code")[1] == 0, f"{path.name}: a solution region was left in"
    assert checks, f"{path.name} has no check cell"


# The checks themselves (right code passes, typical mistakes fail with the right diagnosis) are
# tested by tests/test_mutants.py with the wrong solutions kept in tests/mutants/.


# --- the names a check's message gives the learner exist ---------------------------------------

_QUALIFIED = re.compile(
    r"\b((?:torch\.nn\.functional|torch\.nn|torch|nn|F|rnnlab|classify|seq2seq)(?:\.[A-Za-z_][A-Za-z0-9_]*)+)"
)
_CALLED_CLASS = re.compile(r"\b([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)\(")


def _message_strings():
    """Every string literal (f-string parts included) of the check modules, with its module."""
    for path in sorted((ROOT / "rnnlab" / "checks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield path.name, node.value


def _resolve(dotted):
    import torch
    from torch import nn
    from torch.nn import functional

    import rnnlab
    from rnnlab import classify, seq2seq

    roots = {"torch": torch, "nn": nn, "F": functional, "rnnlab": rnnlab, "classify": classify}
    roots["seq2seq"] = seq2seq
    head, *rest = dotted.replace("torch.nn.functional", "F").replace("torch.nn", "nn").split(".")
    obj = roots[head]
    for part in rest:
        if not hasattr(obj, part) and part.endswith("s") and hasattr(obj, part[:-1]):
            part = part[:-1]  # a plural in prose: "random nn.LSTMs"
        if not hasattr(obj, part):
            try:
                obj = importlib.import_module(f"{obj.__name__}.{part}")  # a submodule
                continue
            except (ImportError, AttributeError):
                return False
        obj = getattr(obj, part)
    return True


def _names_the_book_defines():
    """Classes and functions the solutions and chapters define (a learner's own classes)."""
    names = set()
    for folder in ("solutions", "chapters"):
        for path in (ROOT / folder).glob("*.ipynb"):
            names |= set(re.findall(r"(?:class|def)\s+([A-Za-z_]\w*)", path.read_text()))
    return names


def test_check_messages_name_only_objects_that_exist():
    """A message that tells the learner to call ``nn.CoupledLSTM(...)`` sends them looking for
    a class that does not exist: every qualified name (torch, nn, F, rnnlab, ...) in a check's
    strings must resolve, and every ``CamelCase(`` call must be a torch.nn, torch.optim or rnnlab class
    or one the book defines."""
    import torch.nn
    import torch.optim

    import rnnlab

    defined = _names_the_book_defines()
    missing = []
    for module, text in _message_strings():
        for dotted in _QUALIFIED.findall(text):
            if not _resolve(dotted.rstrip(".")):
                missing.append(f"{module}: {dotted}")
        for name in _CALLED_CLASS.findall(text):
            if not (
                hasattr(torch.nn, name)
                or hasattr(torch.optim, name)
                or hasattr(rnnlab, name)
                or name in defined
            ):
                missing.append(f"{module}: {name}(")
    assert not missing, f"check messages name objects that do not exist: {missing}"


def test_the_message_scan_finds_a_made_up_name():
    assert not _resolve("nn.CoupledLSTM")
    assert _resolve("nn.LSTMs") and _resolve("torch.nn.functional.cross_entropy")
    assert _CALLED_CLASS.findall("build nn.CoupledLSTM(4, 8)") == ["CoupledLSTM"]
