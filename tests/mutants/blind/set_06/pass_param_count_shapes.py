# expect: pass
# exercise: 1
# what: lists the four tensor shapes like torch.nn stores them and sums math.prod over them; rejects unknown kinds
# %% cell c0747583
import math


def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    if kind == "rnn":
        blocks = 1
    elif kind == "gru":
        blocks = 3
    elif kind == "lstm":
        blocks = 4
    else:
        raise ValueError(f"unknown kind {kind!r}")
    G = blocks * num_hiddens
    shapes = [(G, num_inputs), (G, num_hiddens), (G,), (G,)]  # W_ih, W_hh, b_ih, b_hh
    return int(sum(math.prod(s) for s in shapes))
