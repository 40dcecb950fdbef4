# expect: fail
# exercise: 1
# what: averages each sequence's loss over its own length, then averages over sequences (short lines weigh as much as long ones) instead of dividing by the total number of real tokens
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    T = logits.shape[1]
    per_pos = F.cross_entropy(logits.transpose(1, 2), targets.long(), reduction="none")
    lengths = lengths.to(logits.device)
    mask = torch.arange(T, device=logits.device)[None, :] < lengths[:, None]
    per_seq = (per_pos * mask).sum(dim=1) / lengths.clamp(min=1)
    return per_seq.mean()
