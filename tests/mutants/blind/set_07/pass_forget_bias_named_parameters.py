# expect: pass
# exercise: 1
# what: loops over named_parameters, writes value into bias_ih's f rows and 0 into bias_hh's, under torch.no_grad
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for name, param in lstm.named_parameters():
            if name.startswith("bias_ih"):
                param[H:2 * H].fill_(value)
            elif name.startswith("bias_hh"):
                param[H:2 * H].fill_(0.0)
