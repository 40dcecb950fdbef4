# expect: fail
# exercise: 1
# what: assumes the gate order f, i, g, o and writes rows 0:H (the input gate) instead of H:2H
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for name, p in lstm.named_parameters():
            if name.startswith("bias_ih"):
                p[:H] = value
            elif name.startswith("bias_hh"):
                p[:H] = 0.0
