# expect: fail
# exercise: 4
# what: slip p.data for p.grad: returns the global norm of the parameters themselves (of those that have a gradient), not of their gradients
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    total = 0.0
    for p in net.parameters():
        if p.grad is not None:
            total += float((p.data ** 2).sum())
    return math.sqrt(total)
