# expect: fail
# exercise: 1
# what: counts one bias vector per gate block (as in the textbook equations) instead of torch.nn's two (b_ih and b_hh)
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    return gates * (num_inputs * num_hiddens + num_hiddens * num_hiddens + num_hiddens)
