# expect: fail
# exercise: 1
# what: copy-paste slip: counts the recurrent matrix with the input matrix's shape (h x d instead of h x h), so every block has 2*h*d + 2*h parameters; right only when num_inputs == num_hiddens
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    w_ih = gates * num_hiddens * num_inputs
    w_hh = gates * num_hiddens * num_inputs
    biases = 2 * gates * num_hiddens
    return w_ih + w_hh + biases
