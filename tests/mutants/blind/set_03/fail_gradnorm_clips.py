# expect: fail
# exercise: 4
# what: uses clip_grad_norm_(params, 1.0) to get the norm, which also rescales the gradients (the text says measure without changing them)
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    params = [p for p in net.parameters() if p.grad is not None]
    return float(torch.nn.utils.clip_grad_norm_(params, max_norm=1.0))
