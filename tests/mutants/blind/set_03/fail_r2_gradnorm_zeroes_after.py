# expect: fail
# exercise: 4
# what: computes the right norm but then calls net.zero_grad() to tidy up, so the gradients are gone before clipping and the optimizer step (the text says leave them as they are)
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    with torch.no_grad():
        sq = sum((p.grad ** 2).sum() for p in net.parameters() if p.grad is not None)
    net.zero_grad()  # done with them
    return float(torch.sqrt(torch.as_tensor(sq)))
