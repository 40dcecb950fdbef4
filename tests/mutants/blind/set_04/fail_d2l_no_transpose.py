# expect: fail
# exercise: 1
# what: copies torch's (out, in) weights as they are instead of transposing them to d2l's (in, out) layout
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    return {"W_xh": rnn.weight_ih_l0.detach().clone(),
            "W_hh": rnn.weight_hh_l0.detach().clone(),
            "b_h": (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().clone()}
