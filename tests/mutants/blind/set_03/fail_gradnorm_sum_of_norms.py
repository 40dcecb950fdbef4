# expect: fail
# exercise: 4
# what: adds up the per-parameter norms instead of taking one L2 norm over all gradients together
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    total = 0.0
    for p in net.parameters():
        if p.grad is not None:
            total += p.grad.norm().item()
    return total
