"""The checks whose false-rejection rate ``rnnlab.tools.bench.frr`` measures (one Spec each).

A Spec names the solution notebook's check cell, the cells that train what it judges (re-run
with other seeds for ``--trainings``) and either a ``statistic`` (namespace -> {name: slack}) or,
without one, ``probes``: the check cell itself is re-run and the named margin constants are
replaced by recording floats (``frr_probe``). Probes are (module, constant, kind, below).
"""

from dataclasses import dataclass, field


@dataclass
class Spec:
    set_number: str
    check_cell: str  # the id of the check cell; the notebook runs up to it
    retrain_cells: tuple = ()  # cells re-run (with another seed) for a fresh training
    probes: tuple = ()
    statistic: object = field(default=None)  # None: re-run the check cell with the probes


C = "rnnlab.checks."
LAYER_TOL = (C + "layers", "TOL", "tolerance", True)
APPLICATIONS_TOL = (C + "set11_rnn_applications", "TOL", "tolerance", True)
GRAD_RTOL = (C + "gradients", "GRAD_RTOL", "tolerance", True)
GRADS_RTOL = (C + "grads", "GRAD_RTOL", "tolerance", True)
CONTEXT = (C + "heldout", "CONTEXT_MARGIN", "margin", True)  # ppl < margin * reset
LEAK = (C + "trained", "LEAK_RATIO", "margin", False)  # validation >= ratio * fresh
TRAINED_LM = ((C + "lm", "UNIGRAM_MARGIN", "margin", True), (C + "lm", "MEMORY_MARGIN", "margin", True))


def _classifier_slacks(ns):
    from rnnlab.checks import set11_classifier as classifier
    from rnnlab.checks.core import fresh_generator
    from rnnlab.classify import passage_task, sample_passages

    global _PASSAGE_DATA
    if _PASSAGE_DATA is None:
        train_parts, test_parts, vocab = passage_task()
        _PASSAGE_DATA = (train_parts, test_parts, vocab["<pad>"], len(vocab))
    gen = fresh_generator()
    passages, labels = sample_passages(_PASSAGE_DATA[1], 3000, 20, 100, gen)
    ns["net"].eval()
    s = classifier.held_out_statistics(ns["net"], _PASSAGE_DATA, passages, labels, gen, 20, 100, 3000)
    threshold = max(classifier.LEAK_FLOOR, classifier.LEAK_SIGMAS * s["spread"])
    return {
        "above baseline": s["acc"] - s["base"] - classifier.BASELINE_MARGIN,
        "leak": s["acc_seen"] + threshold - s["acc"],
        "_acc": s["acc"],
        "_base": s["base"],
    }


_PASSAGE_DATA = None


def _beats_naive_slacks(ns):
    import torch
    from torch import nn

    from rnnlab.checks import set01_sequence_models as experiments
    from rnnlab.checks.core import fresh_generator

    net, tau, n_train = ns["lstm"], ns["tau"], ns["n_train"]
    x = torch.as_tensor(ns["x"]).detach().float().cpu().reshape(-1)
    X, y = x.unfold(0, tau, 1)[:-1][n_train:], x[tau:][n_train:]
    net.eval()
    with torch.no_grad():
        pred = net(X).reshape(-1)
        mse, naive, _, bar = experiments.one_step_errors(pred, X, y)
        (rnn,) = [m for m in net.modules() if isinstance(m, nn.RNNBase)]
        residual = experiments.last_state_residual(rnn, net, X, "cpu", fresh_generator())
    net.train()
    return {
        "below the bar (share of repeat-last MSE)": (bar - mse) / naive,
        "affine residual": experiments.AFFINE_RTOL - residual,
        "_residual": residual,
    }


SPECS = {
    # fresh random inputs, nothing trained: many re-runs of the check cell
    "twin_03": Spec("03", "03-06", probes=(LAYER_TOL, GRAD_RTOL, GRADS_RTOL)),
    "twin_09": Spec("09", "09-11", probes=(LAYER_TOL, GRAD_RTOL, GRADS_RTOL)),
    "uneven_bidirectional_09": Spec("09", "09-07"),
    "two_layer_rnn_08": Spec(
        "08", "781e55ac", probes=((C + "set08_deep_rnn", "TOL", "tolerance", True), GRAD_RTOL, GRADS_RTOL)
    ),
    "bidirectional_padded_11": Spec("11", "c154c839", probes=(APPLICATIONS_TOL,)),
    "timed_layers_11": Spec("11", "c4d1e7a9", probes=(APPLICATIONS_TOL,)),
    "coupled_lstm_07": Spec("07", "3cbb17f2"),
    "gru_variant_06": Spec("06", "cf077f45", probes=(GRADS_RTOL,)),
    "bptt_05": Spec("05", "05-05"),
    "state_gradients_05": Spec("05", "05-10"),
    "k_step_01": Spec("01", "b0ce48dd"),
    "attention_12": Spec("12", "63909cc3"),
    "attention_decoder_12": Spec("12", "14b9add3"),
    "seq2seq_loss_12": Spec("12", "fd175b98"),
    "beam_search_12": Spec("12", "d3c75ef1"),
    "windows_01": Spec("01", "b8362823"),
    "train_val_split_02": Spec("02", "c01b93e1"),
    "next_token_probs_03": Spec("03", "03-16"),
    "language_model_03": Spec("03", "03-25"),
    "grad_norm_03": Spec("03", "03-34"),
    "d2l_params_04": Spec("04", "9824eca5"),
    "param_count_06": Spec("06", "3953a63c"),
    "forget_bias_07": Spec("07", "ba17736d"),
    "masked_loss_10": Spec("10", "70bb3794"),
    "buckets_10": Spec("10", "6f832ed2"),
    "packed_lm_10": Spec("10", "cf591b11"),
    "reverse_padded_11": Spec("11", "61545c6b"),
    "decoder_inputs_12": Spec("12", "9bfad4a7"),
    # a trained model judged on text or inputs drawn now: re-trainings times re-runs
    "gru_lstm_pair_06": Spec(
        "06", "87b1c9ed", ("6750f7fe",), (CONTEXT, (C + "set06_gru", "UNTRAINED_SHARE", "margin", True), LEAK)
    ),
    "gate_study_06": Spec("06", "c6141183", ("64f045a7",), (CONTEXT, LEAK)),
    "forget_bias_pair_07": Spec(
        "07",
        "d99014e7",
        ("c8481ca9",),
        (
            (C + "set07_lstm", "SAME_START_CORRELATION", "margin", False),
            (C + "set07_lstm", "FORGET_BIAS_GAP", "margin", False),
            (C + "heldout", "UNTRAINED_SHARE", "margin", True),
            CONTEXT,
            LEAK,
        ),
    ),
    "coupled_heldout_07": Spec("07", "5dd33ce4", ("2dfe27eb",), (LEAK,)),  # no gain required since 2026-12-07
    "depth_study_08": Spec("08", "9fe44576", ("46d7095c",), (CONTEXT,)),
    "gru_for_lstm_08": Spec("08", "b68645df", ("46d7095c", "d451889c"), (CONTEXT,)),
    "line_model_10": Spec(
        "10",
        "1ba2ff9e",
        ("2579fc9e",),
        (
            (C + "set10_training", "CONTEXT_MARGIN", "margin", True),
            (C + "set10_training", "PARAM_TOL", "tolerance", True),
        ),
    ),
    "trained_lm_03": Spec("03", "03-10", ("03-09",), TRAINED_LM),
    "trained_lm_02": Spec("02", "c4f8f78c", ("41a6faa3",), TRAINED_LM),
    "hidden_sweep_04": Spec("04", "1f9ae1cb", ("4b0709f7",), (CONTEXT,)),
    "early_stopping_04": Spec("04", "e963641f", ("4b0709f7", "f80c573b")),
    # statistics recomputed outside the check (the check's own helpers, fresh draws)
    "passage_classifier": Spec("11", "88b18d03", ("24bb0d06",), statistic=_classifier_slacks),
    # the statistic depends on training only: --runs 1 --trainings N
    "beats_naive": Spec("01", "5dc9a9cf", ("44ca9776",), statistic=_beats_naive_slacks),
}
