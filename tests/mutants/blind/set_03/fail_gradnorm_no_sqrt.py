# expect: fail
# exercise: 4
# what: returns the sum of squared gradient entries, forgetting the final square root
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    squares = [(p.grad ** 2).sum() for p in net.parameters() if p.grad is not None]
    return torch.stack(squares).sum().item()
