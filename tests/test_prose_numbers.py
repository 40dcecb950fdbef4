"""Numbers in prose are numbers in the outputs: the rule (``rnnlab/tools/prose_numbers.py``,
CONTRIBUTING.md, "Numbers in prose, and comparisons") applied to every chapter and solution."""

import json

import pytest

from rnnlab.tools.prose_numbers import NOTEBOOKS, problems, prose_numbers


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_numbers_in_prose_are_in_the_outputs(path):
    bad = problems(path)
    assert not bad, (
        f"{len(bad)} number(s) in the prose of {path.name} break the rule in "
        "CONTRIBUTING.md, 'Numbers in prose, and comparisons':\n" + "\n".join(bad)
    )


def test_the_rule_finds_what_it_should():
    """The parser counts measurements and leaves constants, orders of magnitude and code alone."""
    text = (
        "Perplexity 1.04 after 500 epochs; 79.6 % of 27 characters; ran at 50,488 tokens/s. "
        "It agrees to $7.64 \\cdot 10^{-5}$, about $10^{-16}$, with `lr = 0.5` and "
        "826,396 parameters.\n\n$$x = 0.25 y$$"
    )
    text += " Then $\\log 28 \\approx 3.3$ and $\\rho \\approx 0.23$."
    keys = [(k, t) for _, k, t, _ in prose_numbers(text)]
    assert keys == [
        (("1.04", None, False), False),
        (("79.6", None, True), False),
        (("50488", None, False), True),
        (("7.64", -5, False), False),
        (("826396", None, False), False),
        (("0.23", None, False), False),
    ]


def test_a_wrong_number_is_caught(tmp_path):
    """A prose number that is not in the outputs fails; the same number printed passes."""

    def notebook(prose, printed):
        cells = [
            {"cell_type": "markdown", "metadata": {}, "source": prose},
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": 1,
                "source": "print(x)",
                "outputs": [{"output_type": "stream", "name": "stdout", "text": printed}],
            },
        ]
        path = tmp_path / "nb.ipynb"
        path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        return path

    assert problems(notebook("The perplexity ends at 1.22.", "perplexity 1.22\n")) == []
    assert problems(notebook("The perplexity ends at 1.17.", "perplexity 1.22\n"))
    assert problems(notebook("It ran 95 s for 500 epochs.", "95 s for 500 epochs\n"))
    assert problems(notebook("The error is 2.1e-08 here.", "error 2.1e-08\n")) == []
    assert problems(notebook("Accuracy was 79.6 %.", "accuracy 79.6%\n")) == []
    assert problems(notebook("A book reports 1.1 {cite:p}`zhang2023`.", "nothing\n")) == []
