"""What a reader would notice: stored outputs from one clean run, no machine paths, small files."""

import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
HOME_PATH = re.compile(r"(/root/|/home/[^/\s]+/|/Users/[^/\s]+/|/tmp/[^\s'\"]*/)")
STORED = sorted((ROOT / "chapters").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


def code_cells(path):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", STORED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stored_outputs_are_one_clean_run(path):
    counts = [c["execution_count"] for c in code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..N: re-run it with `make execute NB=...`"
    )


@pytest.mark.parametrize("path", STORED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_errors_only_where_expected_and_no_machine_paths(path):
    for cell in code_cells(path):
        tags = cell.get("metadata", {}).get("tags", [])
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error" or "raises-exception" in tags, (
                f"{path.name}: a stored error in a cell not tagged raises-exception:\n"
                f"{''.join(cell['source'])[:300]}"
            )
            found = HOME_PATH.search(json.dumps(out))
            assert not found, f"{path.name}: an output shows a path of this machine: {found.group(0)}"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_exercises_are_stored_without_outputs(path):
    for cell in code_cells(path):
        assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name} has outputs"


@pytest.mark.parametrize("path", STORED + EXERCISES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebooks_stay_small(path):
    assert path.stat().st_size < 3_000_000, f"{path.name} is {path.stat().st_size / 1e6:.1f} MB"


MAX_CODE_WIDTH = 88


@pytest.mark.parametrize("path", STORED + EXERCISES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_code_lines_fit_the_page(path):
    """No code line wider than 88 columns: wider lines scroll sideways on the website."""
    wide = [
        (n, line)
        for n, cell in enumerate(json.loads(path.read_text())["cells"])
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).split("\n")
        if len(line) > MAX_CODE_WIDTH
    ]
    assert not wide, (
        f"{path.name}: {len(wide)} code line(s) wider than {MAX_CODE_WIDTH} columns, e.g. "
        f"cell {wide[0][0]} ({len(wide[0][1])} columns): {wide[0][1][:100]!r}. Break the "
        "line inside brackets, move a trailing comment above it, or split a long string "
        "into adjacent literals (a long # HINT: over several # HINT: lines)."
    )
