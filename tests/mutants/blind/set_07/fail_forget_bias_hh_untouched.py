# expect: fail
# exercise: 1
# what: sets only bias_ih's forget rows and leaves bias_hh's random values, so the sum is not value
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for name, param in lstm.named_parameters():
            if name.startswith("bias_ih"):
                param[H:2 * H].fill_(value)
