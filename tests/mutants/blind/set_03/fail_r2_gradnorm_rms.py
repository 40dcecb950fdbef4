# expect: fail
# exercise: 4
# what: takes the root MEAN square over all gradient entries (divides by their number) instead of the root of the sum of squares
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    grads = [p.grad.reshape(-1) for p in net.parameters() if p.grad is not None]
    g = torch.cat(grads)
    return g.pow(2).mean().sqrt().item()
