# expect: fail
# exercise: 1
# what: "to be safe" edits a detached clone of each bias and never copies it back, so the LSTM is left unchanged (not in place)
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    for name, p in lstm.named_parameters():
        if name.startswith("bias_ih") or name.startswith("bias_hh"):
            b = p.detach().clone()
            b[H:2 * H] = value if name.startswith("bias_ih") else 0.0
    return lstm
