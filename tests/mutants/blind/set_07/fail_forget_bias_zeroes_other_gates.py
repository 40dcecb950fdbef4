# expect: fail
# exercise: 1
# what: zeroes the whole bias vectors before writing the forget rows: the other gates' biases change too
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for name, param in lstm.named_parameters():
            if name.startswith("bias_ih"):
                param.zero_()
                param[H:2 * H] = value
            elif name.startswith("bias_hh"):
                param.zero_()
