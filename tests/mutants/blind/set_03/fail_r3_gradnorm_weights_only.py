# expect: fail
# exercise: 4
# what: measures only the weight matrices (parameters whose name contains 'weight'), skipping the biases' gradients, so the norm is smaller than the global norm over all parameters
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    total = 0.0
    for name, p in net.named_parameters():
        if p.grad is None or "weight" not in name:   # biases barely matter
            continue
        total += p.grad.detach().pow(2).sum().item()
    return math.sqrt(total)
