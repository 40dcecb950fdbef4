# expect: fail
# exercise: 4
# what: casts every gradient to float16 to save memory before squaring: squares above 65504 overflow to inf, so large (unclipped ReLU) gradients give an infinite norm and small entries underflow
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    sq = [p.grad.detach().half().pow(2).sum() for p in net.parameters()
          if p.grad is not None]
    if not sq:
        return 0.0
    return float(torch.stack(sq).sum().float().sqrt())
