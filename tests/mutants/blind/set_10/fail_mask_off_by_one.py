# expect: fail
# exercise: 1
# what: mask uses t <= lengths[b], so the first padded position of every sequence is counted
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    T = logits.shape[1]
    losses = F.cross_entropy(logits.transpose(1, 2), targets.long(), reduction="none")
    mask = torch.arange(T, device=logits.device)[None, :] <= lengths.to(logits.device)[:, None]
    return (losses * mask).sum() / mask.sum()
