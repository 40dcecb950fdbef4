# expect: fail
# exercise: 1
# what: writes value into BOTH bias_ih and bias_hh forget rows, so b_if + b_hf = 2 * value
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for name, p in lstm.named_parameters():
            if name.startswith("bias_ih") or name.startswith("bias_hh"):
                p[H:2 * H] = value
