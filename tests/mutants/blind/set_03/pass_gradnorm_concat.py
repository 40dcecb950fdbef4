# expect: pass
# exercise: 4
# what: concatenates all flattened gradients into one vector and takes torch.linalg.vector_norm of it
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    grads = [p.grad.detach().reshape(-1) for p in net.parameters() if p.grad is not None]
    if not grads:
        return 0.0
    return torch.linalg.vector_norm(torch.cat(grads)).item()
