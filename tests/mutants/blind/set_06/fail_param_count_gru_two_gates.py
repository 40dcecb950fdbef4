# expect: fail
# exercise: 1
# what: counts only the GRU's two gates (r, z) and the LSTM's three gates (i, f, o), forgetting the candidate block n / g
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    # the plain RNN has one block; gated layers have one block per gate
    gates = {"rnn": 1, "gru": 2, "lstm": 3}[kind]
    per_block = num_hiddens * num_inputs + num_hiddens * num_hiddens + 2 * num_hiddens
    return gates * per_block
