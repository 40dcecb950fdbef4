# expect: pass
# exercise: 1
# what: copies first and transposes afterwards (clone().T: non-contiguous views of fresh copies, sharing nothing with the layer), bias summed in place into its own clone, all under torch.no_grad
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    with torch.no_grad():
        W_xh = rnn.weight_ih_l0.clone().T        # a transposed view of a fresh copy
        W_hh = rnn.weight_hh_l0.clone().T
        b_h = rnn.bias_ih_l0.clone()
        b_h.add_(rnn.bias_hh_l0)
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h}
