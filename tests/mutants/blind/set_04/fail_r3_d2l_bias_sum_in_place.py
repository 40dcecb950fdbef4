# expect: fail
# exercise: 1
# what: adds the two biases in place into the layer's own bias_ih_l0 (b = bias_ih.data; b += bias_hh.data): the returned b_h is right once, but the layer itself is changed (its bias_ih now holds the sum, so it no longer computes the same function) and a second call doubles up
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    W_xh = rnn.weight_ih_l0.detach().T.clone()
    W_hh = rnn.weight_hh_l0.detach().T.clone()
    b_h = rnn.bias_ih_l0.data
    b_h += rnn.bias_hh_l0.data          # one bias carrying both
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h.clone()}
