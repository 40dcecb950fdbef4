# expect: pass
# exercise: 1
# what: reads named_parameters under torch.no_grad, transposes with .t().contiguous().clone(), sums the biases with torch.stack(...).sum(0) (a new tensor)
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    with torch.no_grad():
        params = dict(rnn.named_parameters())
        W_xh = params["weight_ih_l0"].t().contiguous().clone()
        W_hh = params["weight_hh_l0"].t().contiguous().clone()
        b_h = torch.stack([params["bias_ih_l0"], params["bias_hh_l0"]]).sum(dim=0)
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h}
