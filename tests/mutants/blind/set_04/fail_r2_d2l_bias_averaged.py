# expect: fail
# exercise: 1
# what: d2l's single bias taken as the MEAN (b_ih + b_hh) / 2 of torch's two biases instead of their sum
# %% cell 8950fc95
def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    with torch.no_grad():
        return {
            "W_xh": rnn.weight_ih_l0.T.clone(),
            "W_hh": rnn.weight_hh_l0.T.clone(),
            "b_h": ((rnn.bias_ih_l0 + rnn.bias_hh_l0) / 2).clone(),  # one bias for both
        }
