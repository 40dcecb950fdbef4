# expect: pass
# exercise: 4
# what: explicit loop accumulating squared entries in float64, one math.sqrt at the end
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    sq = 0.0
    for name, p in net.named_parameters():
        if p.grad is None:
            continue
        sq += float(p.grad.detach().double().pow(2).sum())
    return math.sqrt(sq)
