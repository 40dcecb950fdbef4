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
    ("06", "fail_train_also_on_heldout"): "SGD at lr 1 on the validation text does not memorise it: "
    "validation/fresh ratio 0.94-0.95, correct models 0.86-1.01",
    ("06", "fail_train_lr_0p1"): "the learning rate leaves no trace in the model; the quick run's "
    "LSTM of a correct solution is itself near the unigram plateau",
    ("07", "fail_bias_trains_on_heldout"): "as 06 fail_train_also_on_heldout",
    ("11", "fail_out_last_column_as_last_real"): "exercise 4's check sees the passages the layer reads, "
    "not which output positions the measurement then compares (only its printed table shows them)",
    # round 2 (written 2026-12-06): misses found before the deadline and not fixed
    ("10", "fail_r2_train_random_run_other_start"): "the comparison run's starting weights are not "
    "handed to any check (only the training function is)",
    ("12", "fail_r2_measure_bins_target_length"): "the length curve's check sees the models trained and "
    "evaluated, not how the exact matches are binned: the ranges live only in the printed table (a named "
    "table would need a text change that the two correct blind cases do not satisfy)",
    ("12", "fail_r2_measure_mean_std"): "as fail_r2_measure_bins_target_length (the summary over seeds)",
    ("06", "fail_r2_train_clip_each_parameter"): "clipping each tensor at norm 1 instead of the global "
    "norm leaves no measured trace in the trained models",
    ("06", "fail_r2_train_eval_inside_timing"): "the timing of the epochs is not handed to a check",
    ("06", "fail_r2_train_state_reset_every_batch"): "a state reset per minibatch leaves no measured "
    "trace in the trained models (not yet looked at)",
    ("03", "fail_r2_embed_frozen_table"): "missed in the run of 2026-12-06, not yet looked at",
    ("03", "fail_r2_gradnorm_zeroes_after"): "crashed in 0.4 s in the run of 2026-12-06 (the case's "
    "own error; not yet read)",
    # round 2, sets 06-09 and 11 (measured 2026-12-06/07): misses with no property found yet.
    # Exercises that train inline (no training function a check could run on a problem of its
    # own) leave only the trained models, where these procedures leave no measured trace.
    ("06", "fail_r2_nets_keep_best_heldout_epoch"): "the models kept are good models whose held-out "
    "figures agree with a recomputation; that the epoch was chosen on that text is not visible",
    ("07", "fail_r2_bias_gate_after_training"): "the mean forget gate at the start is printed, not "
    "stored in a name the check is handed",
    ("07", "fail_r2_bias_no_clipping"): "training without clipping leaves no measured trace in the "
    "trained models (training is inline, not a function a check could run)",
    ("07", "fail_r2_bias_reset_every_epoch"): "the forget bias forced back to 1 every epoch ends as "
    "far above the default model's as in a correct run",
    ("07", "fail_r2_bias_value_sigmoid1"): "a forget bias of 0.73 instead of 1 stays above the gap "
    "margin of 0.25 (a tighter margin needs the gap's spread in full mode, not measured)",
    ("08", "fail_r2_depth_eval_not_restored"): "training with dropout off after epoch 1 leaves no "
    "measured trace in the trained models",
    ("08", "fail_r2_depth_heldout_best_epoch"): "the lowest validation perplexity over the epochs "
    "agreed with the stored model's own to 0.1 % in this run (not analysed further)",
    ("08", "fail_r2_depth_no_clipping"): "as 07 fail_r2_bias_no_clipping",
    ("08", "fail_r2_depth_one_shared_adam"): "one Adam over the three models leaves no measured trace "
    "in the trained models",
    ("08", "fail_r2_swap_lstm_trains_in_eval_mode"): "as fail_r2_depth_eval_not_restored",
    ("11", "fail_r2_classifier_selects_epoch_on_heldout"): "as 06 fail_r2_nets_keep_best_heldout_epoch "
    "(the epoch chosen on the held-out passages)",
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
