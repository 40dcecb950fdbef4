"""Comparisons in prose follow from the outputs (CONTRIBUTING.md, "Numbers in prose, and comparisons").

Every comparative sentence about a run (lower, faster, N times, the same, a ranking, ...) in a
markdown cell of chapters/ or solutions/ is either GENERATED (it sits in a Markdown output that
code built from the numbers) or TESTED (a claim in ``rnnlab/tools/claims_own.py or claims_others.py`` whose
check reads the notebook's stored outputs). ``python -m rnnlab comparisons`` lists them all.
"""

import json
import pathlib
import re

import pytest

from rnnlab.tools import comparisons
from rnnlab.tools.comparison_claims import Claim, Outputs, Pending, less
from rnnlab.tools.comparison_registry import CLAIMS, PENDING

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rows():
    return comparisons.classify(ROOT, CLAIMS, PENDING)


def test_no_comparative_sentence_is_neither(rows):
    bad = [
        f"{s.where()}: {s.text[:200]!r}" for s, status, matched in rows if status == "NEITHER" and not matched
    ]
    assert not bad, (
        f"{len(bad)} comparative sentence(s) about a run are neither generated from the outputs nor "
        "tested against them. Generate the sentence in a Markdown output, register a Claim in "
        "rnnlab/tools/claims_own.py or claims_others.py, or reword it so it compares nothing measured:\n"
        + "\n".join(bad)
    )


_OUTPUTS = {}  # one parse per notebook for all its claims


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: f"{c.notebook}:{c.key[:30]}")
def test_registered_comparison_holds_in_the_stored_outputs(claim):
    if claim.notebook not in _OUTPUTS:
        _OUTPUTS[claim.notebook] = Outputs(ROOT / claim.notebook)
    ok, detail = claim.check(_OUTPUTS[claim.notebook])
    assert ok, (
        f"{claim.notebook}: the sentence with {claim.key!r} no longer follows from the outputs ({detail})"
    )


def test_every_registered_sentence_still_exists():
    stale = comparisons.unused_claims(ROOT, CLAIMS)
    assert not stale, (
        "registered sentences that match no comparative sentence (reworded? update the entry):\n"
        + ("\n".join(f"{c.notebook}: {c.key!r}" for c in stale))
    )


def _notebook(tmp_path, prose, printed, markdown_output=None):
    outputs = [{"output_type": "stream", "name": "stdout", "text": printed}]
    if markdown_output:
        outputs.append(
            {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": markdown_output}}
        )
    cells = [
        {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "run()", "outputs": outputs},
        {"cell_type": "markdown", "metadata": {}, "source": prose},
    ]
    (tmp_path / "chapters").mkdir(exist_ok=True)
    path = tmp_path / "chapters" / "99_test.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_the_lister_sorts_sentences_into_generated_tested_and_neither(tmp_path):
    prose = "The GRU's held-out perplexity is lower than the RNN's. Is it faster? We use 256 units."
    _notebook(tmp_path, prose, "GRU 7.85\nRNN 9.51\n", "The GRU is faster, 2.1 times.")
    rows = comparisons.classify(tmp_path, [])
    assert [(s.cell, status) for s, status, _ in rows] == [(0, "GENERATED"), (1, "NEITHER")]
    assert rows[1][0].where() == "chapters/99_test.ipynb, markdown cell 1"
    claim = Claim("chapters/99_test.ipynb", "is LOWER than   the RNN", less(r"GRU (\d\S*)", r"RNN (\d\S*)"))
    rows = comparisons.classify(tmp_path, [claim], [Pending("chapters/99_test.ipynb", "nothing", "x")])
    assert rows[1][1] == "TESTED"
    assert claim.check(Outputs(tmp_path / claim.notebook))[0]
    wrong = Claim("chapters/99_test.ipynb", "lower than", less(r"RNN (\d\S*)", r"GRU (\d\S*)"))
    assert not wrong.check(Outputs(tmp_path / claim.notebook))[0]
    assert comparisons.unused_claims(tmp_path, [Claim("chapters/99_test.ipynb", "beats", None)])


def test_a_claim_whose_number_is_missing_says_so(tmp_path):
    _notebook(tmp_path, "x", "GRU 7.85\n")
    with pytest.raises(LookupError, match="expected one match"):
        Outputs(tmp_path / "chapters" / "99_test.ipynb").number(r"LSTM (\S+)")


def test_the_command_prints_its_counts(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    comparisons.main(["--neither"])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.search(r"\d+ generated, \d+ tested, \d+ neither \(of which \d+ pending\)", last), last
