# expect: fail
# exercise: 1
# what: believes .detach() makes a copy: the weights are returned as detach().t(), views sharing the layer's storage, so they change whenever the layer trains (only the bias sum is a new tensor)
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    return {
        "W_xh": rnn.weight_ih_l0.detach().t(),
        "W_hh": rnn.weight_hh_l0.detach().t(),
        "b_h": (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach(),
    }
