# expect: fail
# exercise: 1
# what: masks correctly but divides the masked sum by the number of sequences (batch_size) instead of the number of real tokens: a per-line summed loss
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    B, T, V = logits.shape
    losses = F.cross_entropy(logits.transpose(1, 2), targets.long(), reduction="none")
    mask = (torch.arange(T, device=logits.device)[None, :] < lengths.to(logits.device)[:, None]).float()
    return (losses * mask).sum() / B
