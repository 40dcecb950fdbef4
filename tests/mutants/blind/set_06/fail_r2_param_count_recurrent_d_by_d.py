# expect: fail
# exercise: 1
# what: slip in the recurrent matrix: counts it as num_inputs x num_inputs (d * d) instead of num_hiddens x num_hiddens
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    blocks = {"rnn": 1, "gru": 3, "lstm": 4}[kind.lower()]
    per_block = (num_hiddens * num_inputs        # W_i.
                 + num_inputs * num_inputs       # W_h.
                 + 2 * num_hiddens)              # b_i., b_h.
    return blocks * per_block
