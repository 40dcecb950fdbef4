# expect: fail
# exercise: 1
# what: relies on ignore_index=pad instead of a mask from the lengths, i.e. assumes the padded targets hold the pad index
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    return F.cross_entropy(logits.transpose(1, 2), targets.long(), ignore_index=pad)
