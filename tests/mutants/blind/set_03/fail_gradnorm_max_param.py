# expect: fail
# exercise: 4
# what: returns the largest per-parameter norm instead of the global norm over all parameters
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    norms = [p.grad.norm() for p in net.parameters() if p.grad is not None]
    return max(norms).item()
