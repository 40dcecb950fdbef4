# expect: fail
# exercise: 1
# what: b_h takes only bias_ih_l0; torch adds bias_hh_l0 at every step too, so d2l's single bias must be their sum
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    return {"W_xh": rnn.weight_ih_l0.T.detach().clone(),
            "W_hh": rnn.weight_hh_l0.T.detach().clone(),
            "b_h": rnn.bias_ih_l0.detach().clone()}
