"""Wrong solutions of solutions/08_deep_rnn.ipynb: a two-layer RNN from scratch, a depth study with
dropout judged on held-out text, the swap of an LSTM for a GRU."""

import functools

import torch
from mutant_helpers import CountLM
from torch import nn

import rnnlab
from rnnlab import checks


# --- exercise 1: TwoLayerRNN --------------------------------------------------------------


WEIGHT_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
_RNN_TANH = torch._VF.rnn_tanh  # a reference taken at import time, long before any check runs


class TwoLayer(nn.Module):
    """A two-layer tanh RNN from scratch with one switchable ``mistake``."""

    def __init__(self, num_inputs, num_hiddens, mistake=None):
        super().__init__()
        self.hidden_size, self.num_layers, self.mistake = num_hiddens, 2, mistake
        self.kernel = _RNN_TANH
        if mistake == "wraps_rnn":
            self.inner = nn.RNN(num_inputs, num_hiddens, num_layers=2)
            return
        s = num_hiddens**-0.5  # uniform in +-1/sqrt(h), as the exercise text asks

        def init(*shape):
            return nn.Parameter(torch.empty(*shape).uniform_(-s, s))

        for l in (0, 1):
            n_in = num_inputs if l == 0 or mistake == "ih1_shape" else num_hiddens
            setattr(self, f"weight_ih_l{l}", init(num_hiddens, n_in))
            setattr(self, f"weight_hh_l{l}", init(num_hiddens, num_hiddens))
            setattr(self, f"bias_ih_l{l}", init(num_hiddens))
            setattr(self, f"bias_hh_l{l}", init(num_hiddens))

    def forward(self, inputs, state):
        m = self.mistake
        if m == "wraps_rnn":
            return self.inner(inputs, state)
        if m == "builds_rnn":
            nn.RNN(inputs.shape[-1], self.hidden_size)(inputs)
        if m == "kept_kernel":  # torch's fused kernel, kept in a plain attribute, on the same weights
            flat = [getattr(self, n) for n in (f"{p}_l{k}" for k in (0, 1) for p in WEIGHT_NAMES)]
            return self.kernel(inputs, state, flat, True, 2, 0.0, self.training, False, False)
        X, finals = inputs, []
        for l in (0, 1):
            W_ih, W_hh, b_ih, b_hh = (
                getattr(self, f"{p}_l{l}") for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
            )
            if m == "transposed_hh":
                W_hh = W_hh.T
            H = state[0 if m == "both_from_state0" else l]
            if m == "ignore_state":
                H = torch.zeros_like(H)
            outs = []
            for x in X:
                H = torch.tanh(x @ W_ih.T + b_ih + H @ W_hh.T + b_hh)
                outs.append(H)
                if m == "detach_each_step":
                    H = H.detach()
            finals.append(H)
            out_l = torch.stack(outs)
            if m == "detach_between_layers":
                out_l = out_l.detach()
            if m == "first_layer_outputs" and l == 0:
                first = out_l
            X = out_l
        if m == "first_layer_outputs":
            return first, torch.stack(finals)
        if m == "top_state_only":
            return X, finals[1].unsqueeze(0)
        if m == "states_reversed":
            return X, torch.stack(finals[::-1])
        if m == "initial_state_returned":
            return X, state
        return X, torch.stack(finals)


def two(mistake=None):
    return lambda: checks.check_two_layer_rnn(lambda i, h: TwoLayer(i, h, mistake))


# --- exercises 2 and 3: stand-ins for trained models ----------------------------------------


@functools.lru_cache(maxsize=None)
def data():
    corpus, vocab = rnnlab.load_corpus("time_machine", "char", max_tokens=32000)
    train, val = corpus[:-2000], corpus[-2000:]
    return (
        rnnlab.SeqDataLoader(train, 32, 35),
        rnnlab.SeqDataLoader(val, 8, 35),
        vocab,
        rnnlab.SeqDataLoader(train[-2000:], 8, 35),
    )


class Trained(CountLM):
    """Passes for a trained RNNLM around ``layer`` (``order=1`` ignores its state)."""

    def __init__(self, corpus, vocab_size, layer, order=2):
        super().__init__(corpus, vocab_size, order=order)
        self.rnn = layer


def depth(mistake=None):
    def run():
        train_iter, val_iter, vocab, leaky_val = data()
        V = len(vocab)
        drop = lambda L: 0.0 if mistake == "no_dropout" else 0.2 if L > 1 else 0.0
        kind = lambda L: nn.LSTM if mistake == "mixed_kinds" and L == 3 else nn.GRU
        layers = {L: kind(L)(V, 8, num_layers=L, dropout=drop(L)) for L in (1, 2, 3)}
        if mistake == "wrong_depth":
            layers[3] = nn.GRU(V, 8, num_layers=2, dropout=0.2)
        models = {L: Trained(train_iter.corpus, V, layer) for L, layer in layers.items()}
        if mistake in ("ignores_state", "one_ignores_state"):  # one weak depth may pass
            weak = (2,) if mistake == "one_ignores_state" else (1, 2, 3)
            models.update({L: Trained(train_iter.corpus, V, layers[L], order=1) for L in weak})
        elif mistake == "untrained":
            rnnlab.seed(0)
            models[3] = rnnlab.RNNLM(layers[3], V)
        v_iter = leaky_val if mistake == "val_on_train" else val_iter
        heldout = {L: rnnlab.evaluate_perplexity(m, v_iter) for L, m in models.items()}
        if mistake == "train_mode_report":
            heldout[2] *= 1.3  # as if measured with dropout on
        elif mistake == "numbers":
            models = dict(heldout)
        checks.check_depth_study(models, heldout, train_iter, v_iter, vocab, 0.2)

    return run


def swap(mistake=None):
    def run():
        train_iter, _, vocab, _ = data()
        V, c = len(vocab), train_iter.corpus
        lstm = Trained(c, V, nn.LSTM(V, 8, num_layers=2))
        gru = Trained(c, V, nn.GRU(V, 8, num_layers=2))
        if mistake == "both_lstm":
            gru = Trained(c, V, nn.LSTM(V, 8, num_layers=2))
        elif mistake == "one_layer_gru":
            gru = Trained(c, V, nn.GRU(V, 8))
        elif mistake == "untrained_gru":
            rnnlab.seed(0)
            gru = rnnlab.RNNLM(nn.GRU(V, 8, num_layers=2), V)
        elif mistake == "gru_ignores_state":
            gru = Trained(c, V, nn.GRU(V, 8, num_layers=2), order=1)
        elif mistake == "numbers":
            gru = 3.9
        checks.check_gru_for_lstm(lstm, gru, vocab)

    return run


MUTANTS = {
    "two_ignore_state": (two("ignore_state"), "initial state is ignored"),
    "two_both_from_state0": (two("both_from_state0"), "ITS OWN initial state"),
    "two_first_layer_outputs": (two("first_layer_outputs"), "FIRST layer's"),
    "two_top_state_only": (two("top_state_only"), "stack the final H of each layer"),
    "two_states_reversed": (two("states_reversed"), "wrong order"),
    "two_initial_state_returned": (two("initial_state_returned"), "EVERY layer"),
    "two_transposed_hh": (two("transposed_hh"), "W_hh is used transposed"),
    "two_ih1_shape": (two("ih1_shape"), "weight_ih_l1 is (num_hiddens, num_hiddens)"),
    "two_wraps_rnn": (two("wraps_rnn"), "must not wrap"),
    "two_builds_rnn": (two("builds_rnn"), "must not call"),
    "two_detach_between_layers": (two("detach_between_layers"), "the gradients are not"),
    "two_detach_each_step": (two("detach_each_step"), "the gradients are not"),
    "two_kept_kernel": (two("kept_kernel"), "not even through a reference kept from __init__"),
    "depth_no_dropout": (depth("no_dropout"), "pass dropout=0.2"),
    "depth_mixed_kinds": (depth("mixed_kinds"), "change one thing at a time"),
    "depth_wrong_depth": (depth("wrong_depth"), "num_layers=L"),
    "depth_val_on_train": (depth("val_on_train"), "built on (part of) the training text"),
    "depth_train_mode_report": (depth("train_mode_report"), "eval mode (dropout off)"),
    "depth_numbers": (depth("numbers"), "numbers instead of a model"),
    "depth_ignores_state": (depth("ignores_state"), "does not carry information"),
    "depth_untrained": (depth("untrained"), "untrained"),
    "swap_both_lstm": (swap("both_lstm"), "build the GRU model with nn.GRU"),
    "swap_one_layer_gru": (swap("one_layer_gru"), "swap only the kind of layer"),
    "swap_untrained_gru": (swap("untrained_gru"), "untrained"),
    "swap_gru_ignores_state": (swap("gru_ignores_state"), "does not carry information"),
    "swap_numbers": (swap("numbers"), "numbers instead of a model"),
}

CORRECT = {"two": two(), "depth": depth(), "depth_one_weak": depth("one_ignores_state"), "swap": swap()}
