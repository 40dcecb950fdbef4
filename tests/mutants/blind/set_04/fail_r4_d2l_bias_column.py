# expect: fail
# exercise: 1
# what: returns d2l's bias as a COLUMN (num_hiddens, 1) ("a bias vector is a column"), not a vector of num_hiddens: X_t W_xh + b_h then broadcasts (batch, h) + (h, 1) into the wrong shape (for a batch of one it silently gives an (h, h) matrix)
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    with torch.no_grad():
        W_xh = rnn.weight_ih_l0.detach().T.clone()                  # (num_inputs, num_hiddens)
        W_hh = rnn.weight_hh_l0.detach().T.clone()                  # (num_hiddens, num_hiddens)
        b_h = (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().reshape(-1, 1).clone()
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h}
