"""The blind cases (tests/mutants/blind/): every wrong solution caught, every correct
alternative accepted, except the misses listed below, each with its reason.

The list is exact: a new miss fails the test, and so does a listed miss that has been fixed (take
it off the list). ``python tests/blind_cases.py`` prints the same table without pytest.
"""

import pytest

from blind_cases import BLIND_DIR, run_set

# (set, case) -> why the checks do not yet behave on it. Kept short on purpose.
KNOWN = {
    ("02", "fail_whole_book_trains_on_corpus"): "4 epochs on text holding the validation part leave "
    "less trace than the spread between correct models",
    ("04", "fail_sweep_one_model_after_another"): "models trained one after another are distributed "
    "like models trained side by side: only the code shows it",
    ("11", "fail_last_char_is_padding_column"): "exercise 4 has no check cell and names no variable a "
    "check could read (a notebook change)",
    ("11", "fail_out_last_column_as_last_real"): "as fail_last_char_is_padding_column",
    ("12", "fail_measure_on_valid"): "the length-curve cell has no check cell and names no model "
    "per seed (a notebook change)",
    ("12", "fail_measure_reuse_one_net"): "as fail_measure_on_valid",
    # round 2 (written 2026-12-06): misses found before the deadline and not fixed
    ("10", "fail_r2_train_random_run_other_start"): "the comparison run's starting weights are not "
    "handed to any check (only the training function is)",
    ("12", "fail_r2_measure_bins_target_length"): "as fail_measure_on_valid",
    ("12", "fail_r2_measure_mean_std"): "as fail_measure_on_valid",
    ("06", "fail_r2_train_clip_each_parameter"): "the recorder sees every step's gradient norm "
    "(procedure.py), but in this 30-epoch run of nn.GRU/nn.LSTM(256) with SGD at lr 1 no step's "
    "global norm exceeds 1 (0.1-0.3 measured in the first 6 epochs): clipping never acts, per "
    "tensor or globally, and the run is the correct one",
    ("06", "fail_r2_train_eval_inside_timing"): "the timing of the epochs is not handed to a check",
    ("03", "fail_r2_embed_frozen_table"): "missed in the run of 2026-12-06, not yet looked at",
    ("03", "fail_r2_gradnorm_zeroes_after"): "crashed in 0.4 s in the run of 2026-12-06 (the case's "
    "own error; not yet read)",
    # round 2, sets 06-09 and 11 (measured 2026-12-06/07): misses with no property found yet.
    # Exercises that train inline (no training function a check could run on a problem of its
    # own) leave only the trained models, where these procedures leave no measured trace.
    ("07", "fail_r2_bias_gate_after_training"): "the mean forget gate at the start is printed, not "
    "stored in a name the check is handed",
    ("07", "fail_r2_bias_no_clipping"): "the recorder sees every step's gradient norm (procedure.py), "
    "but in this 30-epoch run of an nn.LSTM(128) with SGD at lr 1 no step's global norm exceeds 1: "
    "clipping at 1 never acts, the run is the clipped one",
    ("08", "fail_r2_depth_heldout_best_epoch"): "heldout[L] is the lowest of the epochs' figures, each "
    "at a random offset of val_iter; in this run it lies inside the range of the last model's own "
    "figures over val_iter's offsets, so it is a figure the stored model does give",
    ("11", "fail_r2_classifier_selects_epoch_on_heldout"): "the models kept are good models whose "
    "held-out figures agree with a recomputation; that the epoch was chosen on the held-out passages "
    "is not visible",
    ("11", "fail_r2_measure_on_training_passages"): "as fail_last_char_is_padding_column",
    ("11", "fail_r2_measure_random_letter_may_repeat"): "as fail_last_char_is_padding_column",
    # round 2 cases of set 04 exercise 3 crash before their checks: the solution's plotting cell
    # 253cfc38 reads net.train_history, a name only the solution's own function defines. The
    # fix (tests/mutants/blind/logs/solution04_plot_change.diff) makes all six behave, but is not
    # committed: a full re-run of solution 04 now gives sweep figures its prose and claims no
    # longer match (see the README)
    ("04", "fail_r2_es_compares_after_append"): "crashes: the solution's plot cell needs net.train_history",
    ("04", "fail_r2_es_history_best_so_far"): "as fail_r2_es_compares_after_append",
    ("04", "fail_r2_es_ignores_given_optimizer"): "as fail_r2_es_compares_after_append",
    ("04", "fail_r2_es_snapshot_before_epoch"): "as fail_r2_es_compares_after_append",
    ("04", "pass_r2_es_bytesio_checkpoint"): "as fail_r2_es_compares_after_append",
    ("04", "pass_r2_es_returns_best_copy"): "as fail_r2_es_compares_after_append",
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
