# expect: fail
# exercise: 1
# what: transposes the input weight but copies the square recurrent weight as it is (W_hh = weight_hh_l0, not its transpose): right shape, wrong layer
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    W_xh = rnn.weight_ih_l0.detach().T.clone()     # (num_inputs, num_hiddens)
    W_hh = rnn.weight_hh_l0.detach().clone()       # already (num_hiddens, num_hiddens)
    b_h = (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().clone()
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h}
