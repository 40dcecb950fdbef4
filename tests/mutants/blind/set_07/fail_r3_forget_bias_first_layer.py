# expect: fail
# exercise: 1
# what: only touches bias_ih_l0 / bias_hh_l0: deeper layers and the reverse direction keep their random forget bias
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        lstm.bias_ih_l0[H:2 * H].fill_(value)
        lstm.bias_hh_l0[H:2 * H].zero_()
