"""The generator: solution regions -> stubs, deterministic output, exercises/ up to date."""

import pathlib

import nbformat
import pytest

from rnnlab.tools.exercises import (
    ANSWER_PROMPT,
    CHECK_TAG,
    RAISES_TAG,
    RegionError,
    add_nbgrader_metadata,
    make_exercise,
    replace_regions,
    sync_exercises,
    tags,
)

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
V4 = nbformat.v4


def test_code_region_becomes_an_indented_stub_with_the_hint():
    source = (
        "class Net:\n    def forward(self, X):\n        ### BEGIN SOLUTION\n"
        "        # HINT: loop over time steps\n        # HINT: and stack\n        return X\n"
        "        ### END SOLUTION\n\nnet = Net()"
    )
    stub, n = replace_regions(source, "code")
    assert n == 1
    assert stub == (
        "class Net:\n    def forward(self, X):\n        # YOUR CODE HERE\n"
        "        # HINT: loop over time steps\n        # HINT: and stack\n"
        "        raise NotImplementedError('Hint: loop over time steps and stack')\n\nnet = Net()"
    )
    compile(stub, "stub", "exec")


def test_a_long_hint_is_split_over_lines_that_fit_the_page():
    hint = "feed each layer the previous layer's outputs and its own slice state[l:l+1]"
    source = (
        "def f(x):\n    ### BEGIN SOLUTION\n"
        f"    # HINT: {hint}\n    # HINT: {hint}\n    return x\n    ### END SOLUTION"
    )
    stub, _ = replace_regions(source, "code")
    assert max(len(line) for line in stub.split("\n")) <= 88
    namespace = {}
    exec(stub, namespace)
    with pytest.raises(NotImplementedError) as err:
        namespace["f"](1)
    assert str(err.value) == f"Hint: {hint} {hint}"


def test_several_regions_and_no_hint():
    source = (
        "a = 1\n### BEGIN SOLUTION\nb = 2\n### END SOLUTION\nc = 3\n"
        "  ### BEGIN SOLUTION\n  d\n  ### END SOLUTION"
    )
    stub, n = replace_regions(source, "code")
    assert n == 2 and stub.count("raise NotImplementedError('write your code here')") == 2
    assert stub.startswith("a = 1\n") and "\nc = 3\n" in stub and "  raise" in stub


def test_markdown_region_becomes_a_prompt():
    stub, n = replace_regions("**Answer.**\n\n### BEGIN SOLUTION\nIt explodes.\n### END SOLUTION", "markdown")
    assert n == 1 and stub == f"**Answer.**\n\n{ANSWER_PROMPT}" and "explodes" not in stub


@pytest.mark.parametrize(
    "source",
    [
        "### BEGIN SOLUTION\nx",
        "x\n### END SOLUTION",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION",
    ],
)
def test_broken_regions_are_reported(source):
    with pytest.raises(RegionError):
        replace_regions(source, "code")


def tiny():
    nb = V4.new_notebook(
        cells=[
            V4.new_markdown_cell("# 0. Tiny"),
            V4.new_code_cell(
                "import rnnlab",
                execution_count=1,
                outputs=[V4.new_output("stream", name="stdout", text="hello")],
            ),
            V4.new_code_cell(
                "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION", execution_count=2
            ),
            V4.new_code_cell("assert f() == 1", metadata={"tags": [CHECK_TAG]}, execution_count=3),
            V4.new_code_cell("print(f())", execution_count=4),
            V4.new_markdown_cell("### BEGIN SOLUTION\nbecause\n### END SOLUTION"),
        ]
    )
    for i, cell in enumerate(nb.cells):
        cell.id = f"id{i}"
    return nb


def test_exercise_is_clean_tagged_and_deterministic():
    sol = tiny()
    ex = make_exercise(sol, "exercises/00_tiny.ipynb")
    assert nbformat.writes(ex) == nbformat.writes(make_exercise(sol, "exercises/00_tiny.ipynb"))
    assert sol.cells[2].source.count("BEGIN") == 1, "the solution must not be modified"
    assert "exercises/00_tiny.ipynb" in ex.cells[0].source  # Colab badge of the exercise
    code = {c.id: c for c in ex.cells if c.cell_type == "code"}
    assert all(c.outputs == [] and c.execution_count is None for c in code.values())
    assert RAISES_TAG not in tags(code["id1"])  # before any stub: must run cleanly
    assert RAISES_TAG in tags(code["id2"]) and RAISES_TAG in tags(code["id3"])  # stub, check
    assert RAISES_TAG in tags(code["id4"])  # uses the stub
    assert "return 1" not in code["id2"].source
    assert ANSWER_PROMPT in ex.cells[-1].source and "because" not in ex.cells[-1].source
    nbformat.validate(ex)


def test_solutions_get_nbgrader_metadata():
    sol = tiny()
    assert add_nbgrader_metadata(sol, "00_tiny") and not add_nbgrader_metadata(sol, "00_tiny")
    meta = {c.id: c.metadata.get("nbgrader") for c in sol.cells}
    assert meta["id2"]["solution"] and not meta["id2"]["grade"]
    assert meta["id3"]["grade"] and meta["id3"]["locked"] and meta["id3"]["points"] == 1
    assert meta["id5"]["solution"] and meta["id5"]["grade"]  # written answer, graded by hand
    assert meta["id1"] is None
    assert len({m["grade_id"] for m in meta.values() if m}) == 3


def test_exercises_folder_is_up_to_date():
    stale = sync_exercises(ROOT, check=True)
    assert not stale, f"stale: {stale}; run `make exercises`"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_solution_has_regions_and_checks(path):
    nb = nbformat.read(path, as_version=4)
    regions = sum(replace_regions(c.source, c.cell_type)[1] for c in nb.cells)
    checks = [c for c in nb.cells if CHECK_TAG in tags(c)]
    assert regions and checks, f"{path.name}: {regions} solution regions, {len(checks)} check cells"
    assert all("checks" in c.source for c in checks), f"{path.name}: a check cell does not call rnnlab.checks"
