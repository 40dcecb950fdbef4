# expect: fail
# exercise: 1
# what: writes into rows 0:H, the input gate i, instead of the forget gate's rows H:2H
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for name, param in lstm.named_parameters():
            if name.startswith("bias_ih"):
                param[:H].fill_(value)
            elif name.startswith("bias_hh"):
                param[:H].fill_(0.0)
