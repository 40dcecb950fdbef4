# expect: pass
# exercise: 1
# what: builds the boolean mask, selects the real positions of the logits and targets with boolean indexing (flattened), and takes F.cross_entropy's default mean over just those
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    B, T, V = logits.shape
    steps = torch.arange(T, device=logits.device)
    real = steps.unsqueeze(0) < lengths.to(logits.device).unsqueeze(1)   # (B, T)
    return F.cross_entropy(logits[real], targets[real].long())
