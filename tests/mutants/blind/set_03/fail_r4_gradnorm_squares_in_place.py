# expect: fail
# exercise: 4
# what: squares each gradient with `g **= 2` after `g = p.grad` (an alias, not a copy): the returned norm is right, but every gradient is left squared in place, so clipping and the optimizer step then use g^2 (all entries non-negative) instead of the gradient
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    total = 0.0
    for p in net.parameters():
        if p.grad is None:
            continue
        g = p.grad
        g **= 2                      # squared entries of this parameter's gradient
        total += g.sum().item()
    return math.sqrt(total)
