# expect: fail
# exercise: 1
# what: multiplies the weight matrices by the number of gate blocks but counts the two bias vectors only once (2h instead of 2 * gates * h)
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    weights = gates * num_hiddens * (num_inputs + num_hiddens)
    biases = 2 * num_hiddens
    return weights + biases
