# expect: pass
# exercise: 1
# what: preallocates d2l-shaped tensors with torch.empty/zeros and fills them with copy_ of the transposed weights and in-place sums of the two biases, the copies done under torch.inference_mode
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    num_hiddens, num_inputs = rnn.weight_ih_l0.shape
    dtype, dev = rnn.weight_ih_l0.dtype, rnn.weight_ih_l0.device
    out = {
        "W_xh": torch.empty(num_inputs, num_hiddens, dtype=dtype, device=dev),
        "W_hh": torch.empty(num_hiddens, num_hiddens, dtype=dtype, device=dev),
        "b_h": torch.zeros(num_hiddens, dtype=dtype, device=dev),
    }
    with torch.inference_mode():
        out["W_xh"].copy_(rnn.weight_ih_l0.t())
        out["W_hh"].copy_(rnn.weight_hh_l0.t())
        for bias in (rnn.bias_ih_l0, rnn.bias_hh_l0):
            out["b_h"] += bias
    return out
