# expect: pass
# exercise: 1
# what: leaves bias_hh's forget rows as they are and sets bias_ih's forget rows to value - b_hf, so the sum b_if + b_hf is value (the text fixes the sum, not how it is split); pairs found by replacing 'bias_ih' with 'bias_hh' in the parameter name
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    params = dict(lstm.named_parameters())
    with torch.no_grad():
        for name, b_ih in params.items():
            if not name.startswith("bias_ih"):
                continue
            b_hh = params[name.replace("bias_ih", "bias_hh", 1)]
            b_ih[H:2 * H].copy_(value - b_hh[H:2 * H])
