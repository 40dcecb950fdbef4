# expect: pass
# exercise: 1
# what: reads the layer's state_dict (detached tensors), transposes with .mT and makes contiguous copies; bias summed with torch.add (a new tensor)
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    sd = rnn.state_dict()
    return {
        "W_xh": sd["weight_ih_l0"].mT.contiguous().clone(),
        "W_hh": sd["weight_hh_l0"].mT.contiguous().clone(),
        "b_h": torch.add(sd["bias_ih_l0"], sd["bias_hh_l0"]),
    }
