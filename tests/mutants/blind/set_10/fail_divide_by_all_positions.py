# expect: fail
# exercise: 1
# what: zeroes the padded losses but divides by batch_size * T (all positions) instead of the number of real tokens
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    T = logits.shape[1]
    losses = F.cross_entropy(logits.transpose(1, 2), targets.long(), reduction="none")
    mask = torch.arange(T, device=logits.device)[None, :] < lengths.to(logits.device)[:, None]
    return (losses * mask).mean()
