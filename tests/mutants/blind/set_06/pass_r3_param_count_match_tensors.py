# expect: pass
# exercise: 1
# what: Python match statement for the number of gate blocks; counts the four tensors one by one as torch.nn stores them (integers only); unknown kinds raise ValueError
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    match kind.lower():
        case "rnn":
            blocks = 1
        case "gru":
            blocks = 3
        case "lstm":
            blocks = 4
        case _:
            raise ValueError(f"unknown kind {kind!r}")
    rows = blocks * num_hiddens
    weight_ih = rows * num_inputs
    weight_hh = rows * num_hiddens
    bias_ih = bias_hh = rows
    return int(weight_ih + weight_hh + bias_ih + bias_hh)
