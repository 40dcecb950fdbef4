# expect: fail
# exercise: 1
# what: not in place: builds new bias tensors and assigns fresh nn.Parameter objects with setattr, so an optimizer or model holding the old parameters no longer sees them
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    for name, param in list(lstm.named_parameters()):
        if name.startswith("bias_ih") or name.startswith("bias_hh"):
            new = param.detach().clone()
            new[H:2 * H] = value if name.startswith("bias_ih") else 0.0
            setattr(lstm, name, nn.Parameter(new))
