"""Wrong solutions of solutions/06_gru.ipynb: parameter counts, trained GRU and LSTM models,
GRUs with one gate (reset only, update only)."""

import torch
from mutant_helpers import CountLM, tiny_corpus
from torch import nn

import rnnlab
from rnnlab import checks as ce


def count(kind, num_inputs, num_hiddens, mistake=None):
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind if mistake != "lstm_for_all" else "lstm"]
    biases = 1 if mistake == "one_bias" else 2
    if mistake == "square_W_ih":
        return gates * (num_hiddens * (num_hiddens + num_hiddens) + biases * num_hiddens)
    return gates * (num_hiddens * (num_inputs + num_hiddens) + biases * num_hiddens)


def pc(mistake=None):
    return lambda: ce.check_param_count(lambda k, i, h: count(k, i, h, mistake))


class TwoGate(nn.Module):
    """A reset-only or update-only GRU, with switchable mistakes."""

    def __init__(self, num_inputs, num_hiddens, variant="reset_only", mistake=None):
        super().__init__()
        self.variant, self.mistake, self.hidden_size = variant, mistake, num_hiddens
        if mistake == "wraps_gru":  # the forced-gate twin, used as the "solution"
            self.gru = nn.GRU(num_inputs, num_hiddens)
            return
        s = num_hiddens**-0.5
        self.weight_ih_l0 = nn.Parameter(torch.empty(2 * num_hiddens, num_inputs).uniform_(-s, s))
        self.weight_hh_l0 = nn.Parameter(torch.empty(2 * num_hiddens, num_hiddens).uniform_(-s, s))
        self.bias_ih_l0 = nn.Parameter(torch.empty(2 * num_hiddens).uniform_(-s, s))
        self.bias_hh_l0 = nn.Parameter(torch.empty(2 * num_hiddens).uniform_(-s, s))

    def forward(self, inputs, state):
        if self.mistake == "wraps_gru":
            return self.gru(inputs, state)
        H, outputs, h = state[0], [], self.hidden_size
        if self.mistake == "ignore_state":
            H = torch.zeros_like(H)
        gi_all = inputs @ self.weight_ih_l0.T + self.bias_ih_l0
        g_rows, n_rows = (
            (slice(h, None), slice(0, h))
            if self.mistake == "blocks_swapped"
            else (slice(0, h), slice(h, None))
        )
        for gi in gi_all:
            gh = H @ self.weight_hh_l0.T + self.bias_hh_l0
            act = torch.tanh if self.mistake == "tanh_gate" else torch.sigmoid
            g = act(gi[:, g_rows] + gh[:, g_rows])
            if self.variant == "reset_only":
                if self.mistake == "d2l":
                    H = torch.tanh(
                        gi[:, n_rows] + (g * H) @ self.weight_hh_l0[n_rows].T + self.bias_hh_l0[n_rows]
                    )
                else:
                    H = torch.tanh(gi[:, n_rows] + g * gh[:, n_rows])
            else:
                n = torch.tanh(gi[:, n_rows] + gh[:, n_rows])
                H = g * n + (1 - g) * H if self.mistake == "swap" else (1 - g) * n + g * H
            outputs.append(H)
            if self.mistake == "detach_each_step":
                H = H.detach()
        out = torch.stack(outputs)
        return out, (
            out[0:1]
            if self.mistake == "first_state"
            else out[-1]
            if self.mistake == "state_2d"
            else H.unsqueeze(0)
        )


def variant(name, mistake=None, check_as=None):
    cls = lambda i, h: TwoGate(i, h, name, mistake)
    cls.__name__ = f"TwoGate_{name}"
    return lambda: ce.check_gru_variant(cls, check_as or name)


def trained(**kwargs):
    corpus, V = tiny_corpus()
    return lambda: ce.check_trained_lm(
        CountLM(corpus, V, **kwargs), rnnlab.SeqDataLoader(corpus, 4, 10), "GRU"
    )


def study(mistake=None):
    """Exercise 2's table of trained models (structure only: it fails before any training shows)."""

    def run():
        V = 28
        reset, update = (
            ("update_only", "reset_only") if mistake == "swapped" else ("reset_only", "update_only")
        )
        width = 256 if mistake == "wide" else 128
        nets = {
            "reset gate only": rnnlab.RNNLM(TwoGate(V, width, reset), V),
            "update gate only": rnnlab.RNNLM(TwoGate(V, width, update), V),
            "full GRU": rnnlab.RNNLM(nn.GRU(V, width), V),
        }
        if mistake == "same_object":
            nets["update gate only"] = nets["reset gate only"]
        from rnnlab import checks as gru

        gru.check_gate_study(nets, None, None, None)

    return run


def pair(mistake=None):
    def run():
        V = 28
        second = nn.GRU if mistake == "two_grus" else nn.LSTM
        width = 128 if mistake == "narrow" else 256
        models = {"GRU": rnnlab.RNNLM(nn.GRU(V, width), V), "LSTM": rnnlab.RNNLM(second(V, width), V)}
        from rnnlab import checks as gru

        gru.check_gru_lstm_pair(models, None, None, None)

    return run


MUTANTS = {
    "count_one_bias": (pc("one_bias"), "two bias vectors"),
    "count_lstm_for_all": (pc("lstm_for_all"), "gate block"),
    "count_square_W_ih": (pc("square_W_ih"), "W_ih is (gates*num_hiddens, num_inputs)"),
    "count_string": (lambda: ce.check_param_count(lambda k, i, h: str(count(k, i, h))), "sum of p.numel()"),
    "trained_reports_last_perplexity": (lambda: ce.check_trained_lm(4.2, None, "GRU"), "not a perplexity"),
    "trained_reports_a_list": (lambda: ce.check_trained_lm([9.0, 4.2], None, "GRU"), "not a perplexity"),
    "trained_ignores_state": (trained(order=1), "not carried through time"),
    "reset_only_d2l_form": (variant("reset_only", "d2l"), "d2l's form"),
    "reset_only_is_update_only": (variant("update_only", check_as="reset_only"), "max abs difference"),
    "reset_only_wraps_nn_gru": (variant("reset_only", "wraps_gru"), "must not wrap nn.RNN / nn.GRU"),
    "reset_only_ignores_state": (variant("reset_only", "ignore_state"), "initial state is ignored"),
    "reset_only_blocks_swapped": (variant("reset_only", "blocks_swapped"), "wrong order"),
    "reset_only_state_is_first_step": (variant("reset_only", "first_state"), "LAST step"),
    "update_only_z_swapped": (variant("update_only", "swap"), "swapped"),
    "update_only_tanh_gate": (variant("update_only", "tanh_gate"), "sigmoid for the gate"),
    "update_only_state_2d": (variant("update_only", "state_2d"), "H.unsqueeze(0)"),
    "update_only_ignores_state": (variant("update_only", "ignore_state"), "initial state is ignored"),
    "reset_only_detach_each_step": (variant("reset_only", "detach_each_step"), "gradients are not"),
    "update_only_detach_each_step": (variant("update_only", "detach_each_step"), "gradients are not"),
    "study_variants_swapped": (study("swapped"), "stored under the wrong names"),
    "study_wide": (study("wide"), "fixes 128 hidden units"),
    "study_same_object": (study("same_object"), "the same object"),
    "pair_two_grus": (pair("two_grus"), "the layer the exercise names"),
    "pair_narrow": (pair("narrow"), "fixes 256 hidden units"),
    "update_only_is_nn_gru": (
        lambda: ce.check_gru_variant(lambda i, h: nn.GRU(i, h), "update_only"),
        "must not wrap nn.RNN / nn.GRU",
    ),
}

CORRECT = {
    "count": pc(),
    "trained": trained(),
    "reset_only": variant("reset_only"),
    "update_only": variant("update_only"),
}
