# expect: pass
# exercise: 1
# what: explicit loop over sequences: summed cross-entropy of each sequence's real prefix, divided by the total number of real tokens
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    total = logits.new_zeros(())
    count = 0
    for b in range(logits.shape[0]):
        n = int(lengths[b])
        if n == 0:
            continue
        total = total + F.cross_entropy(logits[b, :n], targets[b, :n].long(),
                                        reduction="sum")
        count += n
    return total / count
