# expect: fail
# exercise: 1
# what: moves the classes to dim 1 with reshape(B, V, T) instead of transpose(1, 2): right shape, but the numbers are scrambled across time and classes
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    B, T, V = logits.shape
    losses = F.cross_entropy(logits.reshape(B, V, T), targets.long(), reduction="none")
    mask = (torch.arange(T, device=logits.device)[None, :] < lengths.to(logits.device)[:, None]).float()
    return (losses * mask).sum() / mask.sum()
