"""`python -m rnnlab reproduce`: a fresh run that no longer prints the prose's numbers is reported."""

import json

import pytest

from rnnlab.tools import reproduce


def _notebook(path, prose, code, printed):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": prose},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1,
            "source": code,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": printed}],
        },
    ]
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    path.write_text(json.dumps({"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_drift_lists_the_prose_numbers_a_fresh_run_no_longer_prints(tmp_path):
    (tmp_path / "stored").mkdir()
    (tmp_path / "fresh").mkdir()
    prose = "Validation perplexity 8.63 at 256 units."
    stored = _notebook(tmp_path / "stored/nb.ipynb", prose, "print(x)", "perplexity 8.63\n")
    same = _notebook(tmp_path / "fresh/nb.ipynb", prose, "print(x)", "perplexity 8.63\n")
    assert reproduce.drift(stored, same) == []
    moved = _notebook(tmp_path / "fresh/nb.ipynb", prose, "print(x)", "perplexity 8.83\n")
    (found,) = reproduce.drift(stored, moved)
    assert "'8.63' is not in any output of the fresh run" in found


@pytest.mark.slow
def test_reproduce_runs_the_notebook_and_compares(tmp_path):
    """One real kernel: the stored output was made by other code than the notebook now holds."""
    prose = "The perplexity ends at 1.22."
    kept = _notebook(tmp_path / "kept.ipynb", prose, 'print("perplexity", 1.22)', "perplexity 1.22\n")
    out = tmp_path / "out"
    out.mkdir()
    assert reproduce.reproduce(kept, out)[1] == []
    changed = _notebook(tmp_path / "changed.ipynb", prose, 'print("perplexity", 1.25)', "perplexity 1.22\n")
    (found,) = reproduce.reproduce(changed, out)[1]
    assert "'1.22'" in found
    # the stored notebook is left as it was
    assert "perplexity 1.22" in changed.read_text()
