# expect: fail
# exercise: 1
# what: relies on .T.contiguous() to make the copies: it copies only when the transpose is not already contiguous, so for a layer with one input (or one hidden unit) W_xh (W_hh) comes back as a VIEW of the layer's weight that changes when the layer trains
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    # .T is a view; .contiguous() lays it out afresh in memory, i.e. a copy
    W_xh = rnn.weight_ih_l0.detach().T.contiguous()
    W_hh = rnn.weight_hh_l0.detach().T.contiguous()
    b_h = rnn.bias_ih_l0.detach() + rnn.bias_hh_l0.detach()    # a new tensor
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h}
