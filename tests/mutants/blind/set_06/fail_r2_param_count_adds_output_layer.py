# expect: fail
# exercise: 1
# what: also counts a linear output layer back to num_inputs (h * d + d), as in the language model, instead of the recurrent layer alone
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    d, h = num_inputs, num_hiddens
    layer = gates * (h * d + h * h + 2 * h)
    output = h * d + d            # the linear layer that maps the state to the outputs
    return layer + output
