# expect: pass
# exercise: 4
# what: per-parameter torch.linalg.vector_norm in float64, then the vector norm of those norms (equal to the global norm); returns a Python float, 0.0 when no gradient exists
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    norms = [torch.linalg.vector_norm(p.grad.detach().double())
             for p in net.parameters() if p.grad is not None]
    if len(norms) == 0:
        return 0.0
    return torch.linalg.vector_norm(torch.stack(norms)).item()
