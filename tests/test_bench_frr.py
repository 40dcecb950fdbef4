"""The false-rejection bench records what a check compares with its margin constants."""

import json

import pytest

from rnnlab.checks import heldout, layers, trained
from rnnlab.tools.bench import frr, frr_probe
from rnnlab.tools.bench.frr_specs import SPECS

PROBES = (
    ("rnnlab.checks.heldout", "CONTEXT_MARGIN", "margin", True),
    ("rnnlab.checks.layers", "TOL", "tolerance", True),
    ("rnnlab.checks.trained", "LEAK_RATIO", "margin", False),
)


def test_probes_record_slacks_and_are_undone():
    margin, default = heldout.CONTEXT_MARGIN, heldout.judge_lm.__defaults__
    recorders, undo = frr_probe.install(PROBES)
    try:
        assert heldout.judge_lm.__defaults__[0] is heldout.CONTEXT_MARGIN  # defaults probed too
        assert 8.0 < heldout.CONTEXT_MARGIN * 10.0  # ppl 8 with context, 10 without
        assert not 1e-3 <= layers.TOL
        assert 9.0 >= trained.LEAK_RATIO * 10.0
        assert f"{trained.LEAK_RATIO:.0%}" == "80%"
    finally:
        undo()
    assert heldout.CONTEXT_MARGIN is margin and heldout.judge_lm.__defaults__ == default
    assert type(layers.TOL) is float
    slacks = {k: r.slacks for k, r in recorders.items()}
    assert slacks["heldout.CONTEXT_MARGIN"] == [pytest.approx(margin - 0.8)]
    assert slacks["layers.TOL"] == [pytest.approx(-2.0)]  # 1e-3 is two decades above 1e-5
    assert slacks["trained.LEAK_RATIO"] == [pytest.approx(0.9 - trained.LEAK_RATIO)]


def test_summary_counts_rejections_and_bounds_a_clean_count():
    s = frr.summarise([0.5, 0.4, 0.6, -0.1])
    assert (
        s["rejected"] == 1 and s["bound95"] is None and s["sigmas"] == pytest.approx(0.35 / 0.311, rel=1e-2)
    )
    assert frr.summarise([1.0] * 300)["bound95"] == pytest.approx(0.01)


def test_every_spec_names_a_check_cell_of_its_set():
    for name, spec in SPECS.items():
        (path,) = sorted((frr.ROOT / "solutions").glob(f"{spec.set_number}_*.ipynb"))
        ids = {c.get("id") for c in json.loads(path.read_text())["cells"]}
        assert spec.check_cell in ids and set(spec.retrain_cells) <= ids, name
