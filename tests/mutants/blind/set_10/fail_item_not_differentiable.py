# expect: fail
# exercise: 1
# what: accumulates the masked loss with .item() and returns a fresh tensor, so the result has no graph and cannot be backpropagated
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    total, count = 0.0, 0
    for b in range(logits.shape[0]):
        n = int(lengths[b])
        total += F.cross_entropy(logits[b, :n], targets[b, :n].long(),
                                 reduction="sum").item()
        count += n
    return torch.tensor(total / count)
