# expect: pass
# exercise: 1
# what: transposes with einsum, adds the biases in float64 and casts back to the layer's dtype (all new tensors)
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    W_ih = rnn.weight_ih_l0.detach().cpu().double()
    W_hh = rnn.weight_hh_l0.detach().cpu().double()
    b = rnn.bias_ih_l0.detach().cpu().double() + rnn.bias_hh_l0.detach().cpu().double()
    dtype = rnn.weight_ih_l0.dtype
    return {"W_xh": torch.einsum("hi->ih", W_ih).to(dtype).clone(),
            "W_hh": torch.einsum("hk->kh", W_hh).to(dtype).clone(),
            "b_h": b.to(dtype)}
