# expect: fail
# exercise: 1
# what: returns the weights as views (.data.T, no clone): they change whenever the layer trains
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    W_xh = rnn.weight_ih_l0.data.T
    W_hh = rnn.weight_hh_l0.data.T
    b_h = (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach()
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h}
