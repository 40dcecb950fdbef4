# expect: pass
# exercise: 4
# what: collects the existing gradients and lets torch.nn.utils.get_total_norm (the norm clip_grad_norm_ computes, without scaling anything) return the global L2 norm; 0.0 when no parameter has a gradient
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    grads = [p.grad for p in net.parameters() if p.grad is not None]
    if not grads:
        return 0.0
    return float(torch.nn.utils.get_total_norm(grads, norm_type=2.0))
