"""The stored multi-seed results, the helpers that summarise them, and the run-time records.

Fast: nothing here trains; the stored files are read as committed.
"""

import json

import pytest

from rnnlab import seeds
from rnnlab.tools import timings

LM_FIELDS = {
    "recipe",
    "model",
    "seed",
    "epochs",
    "best",
    "best_epoch",
    "final",
    "val_best",
    "test_at_val_best",
    "eval_epochs",
    "curves",
}
RECALL_FIELDS = {"model", "seed", "trained_at_k", "trained_1_20"}


def test_spread_summarises_values():
    s = seeds.spread([3.0, 1.0, 2.0, 10.0])
    assert (s.n, s.low, s.high, s.median, s.mean) == (4, 1.0, 10.0, 2.5, 4.0)
    assert s.width == 9.0
    assert str(s) == "4.00 (range 1.00-10.00, 4 seeds)"
    assert s.brief == "4.00, range 1.00-10.00"


def test_spread_of_nothing_or_nan_is_an_error():
    with pytest.raises(ValueError, match="at least one"):
        seeds.spread([])
    with pytest.raises(ValueError, match="NaN"):
        seeds.spread([1.0, float("nan")])


def test_below_means_the_ranges_do_not_overlap():
    low, high, overlapping = seeds.spread([1, 2]), seeds.spread([3, 4]), seeds.spread([1.5, 3.5])
    assert low.below(high) and not high.below(low)
    assert not low.below(overlapping) and not overlapping.below(high)


RUNS = [
    {"recipe": "d2l", "model": "RNN", "seed": s, "best": b, "final": f}
    for s, b, f in [(0, 9.5, 12.0), (1, 9.9, 13.0), (2, 9.1, 11.0)]
] + [{"recipe": "d2l", "model": "GRU", "seed": 0, "best": 7.8, "final": 30.0}]


def test_lm_spread_picks_one_group_and_one_number():
    s = seeds.lm_spread("RNN", "d2l", "best", runs=RUNS)
    assert (s.n, s.low, s.high) == (3, 9.1, 9.9)
    assert seeds.lm_spread("GRU", runs=RUNS, key="final").mean == 30.0
    assert seeds.lm_groups(RUNS) == [("d2l", "RNN"), ("d2l", "GRU")]


def test_a_typo_names_what_is_stored():
    with pytest.raises(seeds.ResultsError, match="no stored run has model='GUR'.*GRU"):
        seeds.lm_spread("GUR", runs=RUNS)
    with pytest.raises(seeds.ResultsError, match="store no 'bset'"):
        seeds.lm_spread("RNN", runs=RUNS, key="bset")
    with pytest.raises(seeds.ResultsError, match="expected one of"):
        seeds.load_results("seed_run")


def test_recall_spread_is_per_model_and_delay():
    runs = [{"model": "RNN", "seed": s, "trained_at_k": [1.0, a]} for s, a in [(0, 0.2), (1, 0.9), (2, 0.5)]]
    table = seeds.recall_spread(runs, "trained_at_k")
    assert [(s.low, s.median, s.high) for s in table["RNN"]] == [(1.0, 1.0, 1.0), (0.2, 0.5, 0.9)]
    runs[1]["trained_at_k"] = [1.0]
    with pytest.raises(seeds.ResultsError, match="different numbers of delays"):
        seeds.recall_spread(runs, "trained_at_k")


def test_stored_language_model_runs_have_five_seeds_per_group():
    stored = seeds.load_results("seed_runs")
    assert {"command", "recipes", "epochs", "held_out", "machine"} <= set(stored["setting"])
    groups = seeds.lm_groups(stored["runs"])
    from rnnlab.tools.bench.seeds import PLAN

    assert set(groups) == {(recipe, model) for recipe, model, _ in PLAN}, "every planned group stored"
    for recipe, model in groups:
        runs = seeds.select(stored["runs"], recipe=recipe, model=model)
        assert len({r["seed"] for r in runs}) == len(runs) >= 5, (recipe, model)
        for r in runs:
            assert LM_FIELDS <= set(r), (recipe, model, LM_FIELDS - set(r))
            assert r["epochs"] == stored["setting"]["epochs"][f"{recipe}/{model}"]
            held = r["curves"]["held_out"]
            assert len(held) == len(r["eval_epochs"]) and r["eval_epochs"][-1] == r["epochs"]
            assert r["best"] == min(held) and r["final"] == held[-1]
            assert 1 < r["best"] < 28, "a held-out perplexity outside (1, |V|): a broken run"


def test_stored_recall_runs_have_three_seeds_per_network():
    stored = seeds.load_results("recall_seeds")
    setting = stored["setting"]
    by_model = {}
    for r in stored["runs"]:
        assert RECALL_FIELDS <= set(r)
        assert len(r["trained_at_k"]) == len(setting["delays"])
        assert len(r["trained_1_20"]) == len(setting["test_delays"])
        assert all(0 <= a <= 1 for a in r["trained_at_k"] + r["trained_1_20"])
        by_model.setdefault(r["model"], set()).add(r["seed"])
    assert set(by_model) == {"RNN", "GRU", "LSTM", "LSTM, forget bias 1"}
    assert all(len(s) >= 3 for s in by_model.values()), by_model


def test_timings_record_one_entry_per_notebook_and_mode(tmp_path):
    path = tmp_path / "timings.json"
    timings.record("chapters/00_x.ipynb", "full", 12.34, 0.5, 0.7, path=path)
    timings.record("chapters/00_x.ipynb", "quick", 3.0, 1.0, 1.0, path=path)
    timings.record("chapters/00_x.ipynb", "full", 11.0, 0.5, 0.5, path=path)  # replaces the first
    data = json.loads(path.read_text())
    entry = data["notebooks"]["chapters/00_x.ipynb"]
    assert entry["full"]["seconds"] == 11.0 and entry["quick"]["seconds"] == 3.0
    assert {"date", "threads", "machine", "load_before", "load_after", "source"} <= set(entry["full"])
    with pytest.raises(ValueError, match="mode"):
        timings.record("chapters/00_x.ipynb", "fast", 1.0, 0, 0, path=path)


def test_stored_timings_cover_every_chapter():
    import pathlib

    stored = seeds.load_results("timings")["notebooks"]
    root = pathlib.Path(__file__).resolve().parents[1]
    for nb in sorted((root / "chapters").glob("*.ipynb")):
        key = f"chapters/{nb.name}"
        assert stored.get(key), f"no run time stored for {key}"
        for mode, entry in stored[key].items():
            assert mode in ("full", "quick") and entry["seconds"] > 0 and entry["source"], (key, entry)
            if not entry["source"].startswith("estimate"):
                assert {"date", "threads", "machine", "cores", "load_before"} <= set(entry), (key, entry)


def test_the_commands_parse():
    from rnnlab.tools.cli import build_parser

    args = build_parser().parse_args(["execute", "--quick", "chapters/00_getting_started.ipynb"])
    assert args.quick and args.notebooks == ["chapters/00_getting_started.ipynb"]
    assert build_parser().parse_args(["seeds", "recall"]).part == "recall"
    assert build_parser().parse_args(["seeds"]).part == "all"
