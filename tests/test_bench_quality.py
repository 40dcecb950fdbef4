"""The time-to-quality benchmark's accounting (the benchmark itself runs from `make bench`)."""
import math

from rnnlab.tools import bench_quality as bq


def test_time_to_target_is_the_first_time_the_curve_reaches_it():
    recipe = bq.Recipe.__new__(bq.Recipe)
    recipe.curve = [(1.0, 9.0), (2.0, 7.0), (3.0, 6.5), (4.0, 7.5)]
    assert recipe.best() == 6.5
    assert recipe.time_to(7.0) == 2.0
    assert recipe.time_to(6.0) is None


def test_a_short_race_measures_both_recipes_on_held_out_text():
    corpus, vocab = bq.load_corpus_time_machine()
    row = bq.race("RNN", corpus, len(vocab), d2l_epochs=2, book_lr=3e-3)
    assert math.isclose(row["target"], row["d2l_best"] * bq.TARGET_SLACK)
    # two epochs from a random start: both are far from perfect and better than chance
    for key in ("d2l_best", "book_best", "d2l_final"):
        assert 1.5 < row[key] < len(vocab), (key, row[key])
    assert row["d2l_time"] is not None and row["d2l_time"] > 0
