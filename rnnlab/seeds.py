"""The book's stored multi-seed runs, and the spread every chapter quotes from them.

One run of a training says little about how much its numbers move when only the seed changes.
``python -m rnnlab seeds`` trains the chapters' models over several seeds and stores what they
measured in ``rnnlab/results/``; this module reads those files and summarises them:

    >>> runs = load_results("seed_runs")["runs"]
    >>> spread(r["best"] for r in select(runs, recipe="d2l", model="GRU"))
    Spread(n=5, mean=..., median=..., low=..., high=...)
"""

import json
import statistics
from dataclasses import dataclass
from importlib import resources

RESULT_FILES = {
    "seed_runs": "the chapters' language models over 5 seeds (chapter 4)",
    "recall_seeds": "chapter 7's delayed-recall experiment over 3 seeds",
    "timings": "wall time of every notebook's full and quick run (chapter 0)",
}


class ResultsError(RuntimeError):
    """A stored results file is missing or does not hold what the book expects."""


def load_results(name):
    """The stored results file ``rnnlab/results/<name>.json`` as a dict."""
    if name not in RESULT_FILES:
        raise ResultsError(f"expected one of {sorted(RESULT_FILES)}, got {name!r}")
    path = resources.files("rnnlab") / "results" / f"{name}.json"
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise ResultsError(
            f"no stored results {name}.json in the rnnlab package ({RESULT_FILES[name]}); "
            "likely cause: an install without package data, or the results were never "
            "produced (`python -m rnnlab seeds` writes them)"
        ) from None


@dataclass(frozen=True)
class Spread:
    """What several seeds measured of one quantity: their count, mean, median and range."""

    n: int
    mean: float
    median: float
    low: float
    high: float

    @property
    def width(self):
        return self.high - self.low

    def __str__(self):
        return f"{self.mean:.2f} (range {self.low:.2f}-{self.high:.2f}, {self.n} seeds)"

    @property
    def brief(self):
        """Mean and range for a sentence: ``"9.74, range 9.54-9.94"``."""
        return f"{self.mean:.2f}, range {self.low:.2f}-{self.high:.2f}"

    def below(self, other):
        """True when every value here is lower than every value of ``other``: the ranges do not
        overlap, so the seeds measured agree on the order."""
        return self.high < other.low


def spread(values):
    """The ``Spread`` of some numbers (at least one; no NaN)."""
    values = [float(v) for v in values]
    if not values:
        raise ValueError("spread of no values: expected at least one number, got none")
    if any(v != v for v in values):
        raise ValueError(f"spread of values with NaN: {values}")
    return Spread(len(values), statistics.fmean(values), statistics.median(values), min(values), max(values))


def select(runs, **fields):
    """The runs whose fields equal every given value, e.g. ``select(runs, model="GRU")``; a field
    no run has, or a value no run has, is an error (likely a typo)."""
    runs = list(runs)
    for key, value in fields.items():
        present = {r.get(key) for r in runs}
        if value not in present:
            raise ResultsError(
                f"no stored run has {key}={value!r}; stored values: {sorted(map(str, present))}"
            )
        runs = [r for r in runs if r.get(key) == value]
    return runs


def lm_spread(model, recipe="d2l", key="best", runs=None):
    """Spread over seeds of one number of the language-model runs: ``key`` is ``"best"`` (lowest
    held-out perplexity), ``"final"`` (after the last epoch), ``"best_epoch"``, ``"val_best"`` or
    ``"test_at_val_best"``."""
    runs = load_results("seed_runs")["runs"] if runs is None else runs
    chosen = select(runs, recipe=recipe, model=model)
    if key not in chosen[0]:
        raise ResultsError(f"the runs store no {key!r}; they store {sorted(chosen[0])}")
    return spread(r[key] for r in chosen)


def lm_groups(runs=None):
    """``[(recipe, model), ...]`` in the order the runs were made."""
    runs = load_results("seed_runs")["runs"] if runs is None else runs
    return list(dict.fromkeys((r["recipe"], r["model"]) for r in runs))


def recall_spread(runs=None, regime="trained_at_k"):
    """``{model: [Spread per delay]}`` for chapter 7's delayed recall (``regime``:
    ``"trained_at_k"`` or ``"trained_1_20"``)."""
    runs = load_results("recall_seeds")["runs"] if runs is None else runs
    models = list(dict.fromkeys(r["model"] for r in runs))
    table = {}
    for model in models:
        rows = [r[regime] for r in select(runs, model=model)]
        if len({len(row) for row in rows}) != 1:
            raise ResultsError(f"{model}: seeds measured different numbers of delays ({regime})")
        table[model] = [spread(column) for column in zip(*rows)]
    return table
