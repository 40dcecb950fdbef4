# expect: fail
# exercise: 4
# what: measures only the recurrent layer's gradients (net.rnn.parameters() when the net has one, "that is where gradients explode"), leaving out the output layer, so the result is smaller than the global norm over all parameters that clipping uses
# %% cell 03-33
def grad_norm(net):
    """Global L2 norm of the gradients of all parameters of net (those without a
    gradient are skipped)."""
    layer = getattr(net, "rnn", net)     # the recurrent part of a language model
    squares = [p.grad.pow(2).sum() for p in layer.parameters() if p.grad is not None]
    if not squares:
        return 0.0
    return torch.stack(squares).sum().sqrt().item()
