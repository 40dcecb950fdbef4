# expect: fail
# exercise: 1
# what: relies on the padded targets holding the <pad> index (ignore_index=pad) instead of masking by the lengths
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    return F.cross_entropy(logits.transpose(1, 2), targets.long(), ignore_index=pad)
