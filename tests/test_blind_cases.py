"""The blind cases (tests/mutants/blind/): every wrong solution caught, every correct
alternative accepted, except the misses listed below, each with its reason.

The list is exact: a new miss fails the test, and so does a listed miss that has been fixed (take
it off the list). ``python tests/blind_cases.py`` prints the same table without pytest.
"""

import pytest

from blind_cases import BLIND_DIR, run_set

# (set, case) -> why the checks do not yet behave on it. Kept short on purpose.
KNOWN = {
    # round 3 (written 2026-12-07, blind): misses after this session's fixes
    ("11", "fail_out_last_column_as_last_real"): "exercise 4's text asks for a printed comparison and names "
    "no variable for its figures: the check sees the passages the layer reads, not which output positions "
    "the learner's code then indexes (outputs[:, -1] or at lengths - 1); judging it needs the text to "
    "name the compared summaries (a text change, the lead's)",
    (
        "10",
        "fail_r2_train_random_run_other_start",
    ): "the comparison run's starting weights are not handed to any check (only the training function is)",
    ("12", "fail_r2_measure_bins_target_length"): "the length curve's check sees the models trained and "
    "evaluated, not how the exact matches are binned: the ranges "
    "live only in the printed table (a named table would need a "
    "text change that the two correct blind cases do not satisfy)",
    ("12", "fail_r2_measure_mean_std"): "as fail_r2_measure_bins_target_length (the summary over seeds)",
    (
        "06",
        "fail_r2_train_clip_each_parameter",
    ): "the recorder sees every step's gradient norm (recorder.py),"
    " but in this 30-epoch run of nn.GRU/nn.LSTM(256) with SGD at"
    " lr 1 no step's global norm exceeds 1 (0.1-0.3 measured in "
    "the first 6 epochs): clipping never acts, per tensor or "
    "globally, and the run is the correct one",
    ("06", "fail_r2_train_eval_inside_timing"): "the text asks to record each epoch's time in names of the "
    "learner's choosing and hands the check only the models: which code a perf_counter interval spans "
    "leaves no trace in them (a named record of seconds would need a text change, the lead's)",
    ("07", "fail_r2_bias_gate_after_training"): "the text asks only to print the mean forget gate at the "
    "start (no name holds it, and the check is handed the two trained models): when the printed figure "
    "was measured leaves no trace (judging it needs the text to name the figure, the lead's)",
    ("07", "fail_r2_bias_no_clipping"): "the recorder sees every step's gradient norm (recorder.py),"
    " but in this 30-epoch run of an nn.LSTM(128) with SGD at lr "
    "1 no step's global norm exceeds 1: clipping at 1 never acts,"
    " the run is the clipped one",
    # round 4 (written 2026-12-07, blind): misses after this session's fixes
    ("11", "fail_r4_measure_id_plus_one"): "id + 1 is another letter for every letter but the last of "
    "the vocabulary (which wraps to <pad>): in a measurement of a few hundred passages that letter "
    "starts or ends a passage a few times at most, fewer than a check can tell from an edited copy "
    "that is itself a held-out stretch (the letter check allows 1 %)",
    ("11", "fail_r4_measure_tolerance_hides_changes"): "how the summaries are compared (a tolerance of "
    "0.01) is not judged: the text asks for a printed comparison and names no variable for it",
    ("12", "fail_r4_curve_divides_by_all_pairs"): "as fail_r2_measure_bins_target_length (the exact "
    "matches per range live only in the printed table)",
    ("04", "fail_r4_es_min_delta_threshold"): "a new snapshot only when 1 % better picks the best epoch "
    "whenever each improvement is larger than 1 %, as on the check's controlled problem (its best epoch "
    "is at least 16 % below the one before): judging it needs a problem whose last improvement lies "
    "between the 0.5 % tie and 1 %",
}

SETS = sorted(p.name[4:] for p in BLIND_DIR.glob("set_*") if p.is_dir())


pytestmark = [pytest.mark.slow, pytest.mark.blind]


@pytest.mark.parametrize("set_number", SETS)
def test_blind_cases_behave(set_number):
    outcomes, problems = run_set(set_number, log=lambda line: None)
    assert not problems, problems
    misbehaving = {
        o.case: f"{o.status}: {o.detail[:300]}"
        for o in outcomes
        if o.status not in ("caught", "accepted", "unjudged")
    }
    known = {case for (s, case) in KNOWN if s == set_number}
    new = {case: why for case, why in misbehaving.items() if case not in known}
    fixed = known - set(misbehaving)
    assert not new, f"set {set_number}: blind cases that do not behave: {new}"
    assert not fixed, f"set {set_number}: now behave, take them off KNOWN: {sorted(fixed)}"
