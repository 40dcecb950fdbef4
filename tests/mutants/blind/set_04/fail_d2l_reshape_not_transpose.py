# expect: fail
# exercise: 1
# what: reshapes the (num_hiddens, num_inputs) weights to (num_inputs, num_hiddens) instead of transposing: right shape, wrong entries
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    num_hiddens, num_inputs = rnn.weight_ih_l0.shape
    return {"W_xh": rnn.weight_ih_l0.detach().clone().reshape(num_inputs, num_hiddens),
            "W_hh": rnn.weight_hh_l0.detach().clone().reshape(num_hiddens, num_hiddens),
            "b_h": (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().clone()}
