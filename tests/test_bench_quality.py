"""The time-to-quality benchmark's accounting (the benchmark itself runs from `make bench`)."""

import math

import pytest

from rnnlab.tools.bench import quality as bq


@pytest.fixture(scope="module")
def texts():
    """The benchmark's texts (the whole book, tokenised and batched), read once for the module."""
    return bq.load_texts()


def test_time_to_target_is_the_first_time_the_curve_reaches_it():
    recipe = bq.Recipe.__new__(bq.Recipe)
    recipe.curve = [(1.0, 9.0), (2.0, 7.0), (3.0, 6.5), (4.0, 7.5)]
    assert recipe.best() == 6.5
    assert recipe.time_to(7.0) == 2.0
    assert recipe.time_to(6.0) is None


def test_a_short_race_measures_both_recipes_on_held_out_text(texts):
    row = bq.race("RNN", texts, d2l_epochs=2, book_lr=3e-3)
    assert math.isclose(row["target"], row["d2l_best"] * bq.TARGET_SLACK)
    # two epochs from a random start: both are far from perfect and better than chance
    for key in ("d2l_best", "book_best", "d2l_final"):
        assert 1.5 < row[key] < texts["vocab_size"], (key, row[key])
    assert row["d2l_time"] is not None and row["d2l_time"] > 0


def test_the_recipes_train_on_disjoint_text_from_the_held_out_one(texts):
    book, probe = texts["book"].corpus, texts["held_out"].corpus[:200]
    assert len(book) > 150_000  # the book's recipe sees nearly the whole book ...
    # ... but not the held-out text: its first 200 characters appear nowhere in it
    assert not any(book[i : i + 200] == probe for i in range(len(book) - 199))
