# expect: pass
# exercise: 1
# what: per-position cross-entropy with reduction='none', boolean mask from arange < lengths, sum divided by number of real tokens
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    batch_size, T, _ = logits.shape
    losses = F.cross_entropy(logits.transpose(1, 2), targets.long(), reduction="none")
    mask = torch.arange(T, device=logits.device)[None, :] < lengths.to(logits.device)[:, None]
    return (losses * mask).sum() / mask.sum()
