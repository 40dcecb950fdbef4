# expect: pass
# exercise: 1
# what: loops over the gate names of each kind and adds the four tensors of every block one by one (integers only)
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    gate_names = {"rnn": ["h"], "gru": ["r", "z", "n"], "lstm": ["i", "f", "g", "o"]}
    if kind not in gate_names:
        raise ValueError(f"unknown kind {kind!r}")
    total = 0
    for _gate in gate_names[kind]:
        total += num_hiddens * num_inputs     # W_i<gate>
        total += num_hiddens * num_hiddens    # W_h<gate>
        total += num_hiddens                  # b_i<gate>
        total += num_hiddens                  # b_h<gate>
    return total
