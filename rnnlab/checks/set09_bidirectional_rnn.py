"""Checks of exercise set 9 that are not layer comparisons: the width a unidirectional model needs
to match a bidirectional one's parameter count (chapter question 2). The bidirectional layers
themselves are judged by ``basics.check_uneven_bidirectional``, ``layers.check_twin`` and
``gradients.check_twin_gradients``."""

import numbers

from .core import describe, fail, passed

# The two models the question can be read about: the chapter's blank filler (one-hot of the
# vocabulary plus the blank -> GRU -> linear to the vocabulary) and the language model of
# exercise 3 (one-hot of the vocabulary -> GRU -> linear).
ARCHITECTURES = {"the chapter's blank filler": 1, "the language model of exercise 3": 0}


def gru_model_params(vocab_size, num_hiddens, bidirectional, extra_inputs=0):
    """Parameters of one-hot -> nn.GRU(vocab_size + extra_inputs, num_hiddens) -> nn.Linear."""
    d = 2 if bidirectional else 1
    inputs = vocab_size + extra_inputs
    recurrent = d * 3 * (num_hiddens * inputs + num_hiddens * num_hiddens + 2 * num_hiddens)
    return recurrent + (d * num_hiddens + 1) * vocab_size


def _bracket(vocab_size, bi_hiddens, extra):
    """The widths whose counts are the nearest below and above the bidirectional model's."""
    budget = gru_model_params(vocab_size, bi_hiddens, True, extra)
    h = 1
    while gru_model_params(vocab_size, h + 1, False, extra) <= budget:
        h += 1
    return budget, {h, h + 1} if gru_model_params(vocab_size, h, False, extra) < budget else {h}


def check_matched_width(uni_hiddens, vocab_size, bi_hiddens=128):
    """``uni_hiddens``: the hidden units a unidirectional GRU model needs to have as many
    parameters as the bidirectional one with ``bi_hiddens`` units per direction.

    Properties every correct answer has: it is a whole number of units, one of the two widths
    whose parameter counts are the nearest below and above the bidirectional model's, counting
    every parameter (input and recurrent weights, both biases, the output layer), for the
    chapter's blank filler or for the language model of exercise 3 (either reading is accepted;
    their brackets differ by at most a unit)."""
    if isinstance(uni_hiddens, bool) or not isinstance(uni_hiddens, numbers.Integral) or uni_hiddens < 1:
        fail(
            "uni_hiddens",
            "a whole number of hidden units",
            describe(uni_hiddens),
            "store the width you found in uni_hiddens, e.g. uni_hiddens = 150",
        )
    uni_hiddens = int(uni_hiddens)
    accepted, gaps = set(), []
    for _name, extra in ARCHITECTURES.items():
        budget, widths = _bracket(vocab_size, bi_hiddens, extra)
        accepted |= widths
        gaps.append(gru_model_params(vocab_size, uni_hiddens, False, extra) / budget - 1)
    if uni_hiddens not in accepted:
        gap = min(gaps, key=abs)
        cause = (
            "too many units: the recurrent weights grow with the square of the width, so twice "
            "the parameters do not take twice the units; count the parameters of both models "
            "(sum(p.numel() for p in net.parameters())) and search the width"
            if gap > 0
            else "too few units: count every parameter (input weights, both biases, the output "
            "layer), not only the recurrent matrices, and search the width whose count is nearest"
        )
        fail(
            f"uni_hiddens = {uni_hiddens}, against a bidirectional GRU model of {bi_hiddens} units "
            "per direction",
            "a width whose parameter count is the nearest below or above the bidirectional model's",
            f"a model with {gap:+.1%} parameters relative to the bidirectional one",
            cause,
        )
    passed(
        f"uni_hiddens = {uni_hiddens}: the parameter count of the unidirectional model is the nearest "
        f"to the bidirectional one's ({bi_hiddens} units per direction), every parameter counted"
    )
