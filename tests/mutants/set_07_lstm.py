"""Wrong solutions of solutions/07_lstm.ipynb: the forget-gate bias, an LSTM with a coupled input
and forget gate, trained LSTM language models judged on held-out text."""

import functools
import math

import torch
from mutant_helpers import CountLM
from torch import nn

import rnnlab
from rnnlab import checks as cl


# --- exercise 1: set_forget_bias ----------------------------------------------------------


def forget(mistake=None):
    def set_forget_bias(lstm, value):
        H = lstm.hidden_size
        rows = {"input_rows": slice(0, H), "candidate_rows": slice(2 * H, 3 * H)}.get(
            mistake, slice(H, 2 * H)
        )
        if mistake == "new_layer":
            return nn.LSTM(lstm.input_size, H, lstm.num_layers)
        if mistake == "reassigned":  # right values, but new parameter objects: not in place
            for name, p in list(lstm.named_parameters()):
                if name.startswith(("bias_ih", "bias_hh")):
                    new = p.detach().clone()
                    new[rows] = value if name.startswith("bias_ih") else 0.0
                    setattr(lstm, name, nn.Parameter(new))
            return None
        with torch.no_grad():
            for name, p in lstm.named_parameters():
                if mistake == "first_layer_only" and not name.endswith("_l0"):
                    continue
                if name.startswith("bias_ih"):
                    p[rows] = value
                elif name.startswith("bias_hh"):
                    if mistake == "zero_all_hh":
                        p.zero_()
                    else:
                        p[rows] = value if mistake == "both_biases" else 0.0
                elif mistake == "weights_too" and name.startswith("weight_hh"):
                    p[H : 2 * H] = 0.0

    return lambda: cl.check_forget_bias(set_forget_bias)


# --- exercise 3: the coupled LSTM ---------------------------------------------------------


class Coupled(nn.Module):
    """The coupled LSTM with one switchable ``mistake``."""

    def __init__(self, input_size, hidden_size, mistake=None):
        super().__init__()
        self.hidden_size, self.mistake = hidden_size, mistake
        if mistake == "wraps_lstm":
            self.inner = nn.LSTM(input_size, hidden_size)
        G = (4 if mistake == "four_blocks" else 3) * hidden_size
        s = 1 / math.sqrt(hidden_size)
        init = lambda *shape: nn.Parameter(torch.empty(*shape).uniform_(-s, s))
        self.weight_ih_l0, self.weight_hh_l0 = init(G, input_size), init(G, hidden_size)
        self.bias_ih_l0, self.bias_hh_l0 = init(G), init(G)

    def forward(self, inputs, state):
        m = self.mistake
        if m == "builds_cell":
            cell = nn.LSTMCell(inputs.shape[-1], self.hidden_size).to(inputs.dtype)
            cell(inputs[0], (state[0][0], state[1][0]))
        H, C = state[0][0], state[1][0]
        C0 = C
        if m == "ignore_state":
            H, C = torch.zeros_like(H), torch.zeros_like(C)
        elif m == "ignore_cell":
            C = torch.zeros_like(C)
        outs = []
        for x in inputs:
            a = x @ self.weight_ih_l0.T + self.bias_ih_l0 + H @ self.weight_hh_l0.T + self.bias_hh_l0
            f, g, o = a.chunk(3, dim=-1)
            if m == "order_gfo":
                g, f = f, g
            f, g, o = torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            C = f * C + (f if m == "i_equals_f" else 1 - f) * g
            H = o * (C if m == "no_tanh" else torch.tanh(C))
            outs.append(H)
            if m == "detach_each_step":
                H, C = H.detach(), C.detach()
        if m == "state_2d":
            return torch.stack(outs), (H, C)
        return torch.stack(outs), (H.unsqueeze(0), (C0 if m == "returns_initial_cell" else C).unsqueeze(0))


def coupled(mistake=None):
    return lambda: cl.check_coupled_lstm(lambda i, h: Coupled(i, h, mistake))


# --- exercise 2 and 3: stand-ins for trained models ----------------------------------------


@functools.lru_cache(maxsize=None)
def data():
    corpus, vocab = rnnlab.load_corpus("time_machine", "char", max_tokens=30000)
    return corpus, vocab


class Trained(CountLM):
    """Passes for a trained RNNLM around ``layer`` (``order=1`` ignores its state)."""

    def __init__(self, layer, order=2):
        corpus, vocab = data()
        super().__init__(corpus, len(vocab), order=order)
        self.rnn = layer


def judged(mistake=None):
    def run():
        corpus, vocab = data()
        V = len(vocab)
        net = Trained(nn.LSTM(V, 8))
        if mistake == "untrained":
            rnnlab.seed(0)
            net = rnnlab.RNNLM(nn.LSTM(V, 8), V)
        elif mistake == "ignores_state":
            net = Trained(nn.LSTM(V, 8), order=1)
        elif mistake == "gru_not_lstm":
            net = Trained(nn.GRU(V, 8))
        elif mistake == "perplexity":
            net = 4.2
        elif mistake == "history":
            net = rnnlab.History(perplexities=[9.0, 4.2])
        cl.check_heldout_lm(net, vocab, "the LSTM with forget bias 1", nn.LSTM)

    return run


def pair(mistake=None):
    """Exercise 2: two stand-ins for trained LSTM models of 128 units; the second's forget bias
    set to 1 from the first's weights (or, wrongly, one shared layer or two different starts)."""

    def run():
        import copy

        corpus, vocab = data()
        first = nn.LSTM(len(vocab), 128)
        second = first if mistake == "shared_layer" else copy.deepcopy(first)
        if mistake == "different_start":
            second = nn.LSTM(len(vocab), 128)
        if mistake != "bias_not_applied":
            H = second.hidden_size
            with torch.no_grad():
                second.bias_ih_l0[H : 2 * H] = 1.0
                second.bias_hh_l0[H : 2 * H] = 0.0
        cl.check_forget_bias_pair(Trained(first), Trained(second), vocab)

    return run


MUTANTS = {
    "forget_input_rows": (forget("input_rows"), "rows of gate i"),
    "forget_candidate_rows": (forget("candidate_rows"), "rows of gate g"),
    "forget_both_biases": (forget("both_biases"), "both biases were set"),
    "forget_first_layer_only": (forget("first_layer_only"), "left out"),
    "forget_zero_all_hh": (forget("zero_all_hh"), "only the forget gate's rows"),
    "forget_new_layer": (forget("new_layer"), "must equal the value"),
    "forget_weights_too": (forget("weights_too"), "set only the forget gate's biases"),
    "forget_reassigned": (forget("reassigned"), "the same nn.Parameter objects"),
    "coupled_detach_each_step": (coupled("detach_each_step"), "their gradients are not"),
    "pair_shared_layer": (pair("shared_layer"), "wrap the same layer object"),
    "pair_different_start": (pair("different_start"), "did not start from the same initial weights"),
    "pair_bias_not_applied": (pair("bias_not_applied"), "the forget bias was not set"),
    "coupled_i_equals_f": (coupled("i_equals_f"), "1 - f (coupled), not f"),
    "coupled_no_tanh": (coupled("no_tanh"), "squash the cell"),
    "coupled_ignore_state": (coupled("ignore_state"), "(H0, C0) passed to forward is ignored"),
    "coupled_ignore_cell": (coupled("ignore_cell"), "C0 is ignored"),
    "coupled_order_gfo": (coupled("order_gfo"), "read in the order"),
    "coupled_returns_initial_cell": (coupled("returns_initial_cell"), "cell C of the last step"),
    "coupled_state_2d": (coupled("state_2d"), "leading layer dimension"),
    "coupled_four_blocks": (coupled("four_blocks"), "three gate blocks"),
    "coupled_wraps_lstm": (coupled("wraps_lstm"), "must not wrap"),
    "coupled_builds_cell": (coupled("builds_cell"), "must not call"),
    "trained_untrained": (judged("untrained"), "untrained"),
    "trained_ignores_state": (judged("ignores_state"), "does not carry information"),
    "trained_gru_not_lstm": (judged("gru_not_lstm"), "rnnlab.RNNLM(nn.LSTM"),
    "trained_perplexity": (judged("perplexity"), "numbers instead of a model"),
    "trained_history": (judged("history"), "numbers instead of a model"),
}

CORRECT = {"forget": forget(), "coupled": coupled(), "trained": judged(), "pair": pair()}
