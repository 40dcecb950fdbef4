# expect: fail
# exercise: 1
# what: mask t < lengths - 1 ("the last one is the end"): the last real target of every sequence is left out of the loss
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    B, T, V = logits.shape
    losses = F.cross_entropy(logits.transpose(1, 2), targets.long(), reduction="none")
    mask = (torch.arange(T, device=logits.device)[None, :] < (lengths.to(logits.device) - 1)[:, None]).float()
    return (losses * mask).sum() / mask.sum()
