"""`make execute` keeps edits made to a notebook while it ran."""

import nbformat
import pytest

from rnnlab.tools.execute import NotebookChangedError, keep_edits_made_meanwhile


def _notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_metadata_edited_during_the_run_is_kept():
    executed, on_disk = _notebook("x = 1", "x"), _notebook("x = 1", "x")
    executed.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "1"})]
    on_disk.cells[1].metadata["mystnb"] = {"image": {"alt": "a plot"}}
    keep_edits_made_meanwhile(executed, on_disk, "nb.ipynb")
    assert executed.cells[1].metadata["mystnb"] == {"image": {"alt": "a plot"}}
    assert executed.cells[1].outputs  # the run's outputs stay


@pytest.mark.parametrize("edit", ["change", "insert"])
def test_source_edited_during_the_run_is_not_overwritten(edit):
    executed, on_disk = _notebook("x = 1", "x"), _notebook("x = 1", "x")
    if edit == "change":
        on_disk.cells[0].source = "x = 2"
    else:
        on_disk.cells.insert(1, nbformat.v4.new_markdown_cell("a new paragraph"))
    with pytest.raises(NotebookChangedError, match="Run it again"):
        keep_edits_made_meanwhile(executed, on_disk, "nb.ipynb")


def test_scrub_paths_removes_home_and_kernel_temp_paths(tmp_path):
    from rnnlab.tools.execute import scrub_paths

    nb = _notebook("import warnings")
    warning = (
        "/tmp/ipykernel_1965/2462435140.py:42: UserWarning: ...\n/home/ann/x.py and " + str(tmp_path) + "/a"
    )
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stderr", text=warning)]
    scrub_paths(nb, tmp_path)
    assert nb.cells[0].outputs[0]["text"] == "~/2462435140.py:42: UserWarning: ...\n~/x.py and ./a"
