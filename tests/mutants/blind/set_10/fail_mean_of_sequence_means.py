# expect: fail
# exercise: 1
# what: averages the per-sequence mean losses (each sequence weighted equally) instead of dividing the masked sum by the number of real tokens
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    T = logits.shape[1]
    losses = F.cross_entropy(logits.transpose(1, 2), targets.long(), reduction="none")
    mask = (torch.arange(T, device=logits.device)[None, :] < lengths.to(logits.device)[:, None]).float()
    per_sequence = (losses * mask).sum(dim=1) / mask.sum(dim=1)
    return per_sequence.mean()
