# expect: pass
# exercise: 1
# what: table of gate blocks per kind, one closed formula gates * h * (d + h + 2)
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    return gates * num_hiddens * (num_inputs + num_hiddens + 2)
