# expect: pass
# exercise: 4
# what: per-parameter norms combined with math.hypot(*norms) (the L2 norm of the norms equals the global norm); returns a Python float
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    norms = [p.grad.detach().norm().item() for p in net.parameters()
             if p.grad is not None]
    return math.hypot(*norms) if norms else 0.0
