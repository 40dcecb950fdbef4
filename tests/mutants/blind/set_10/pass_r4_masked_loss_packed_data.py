# expect: pass
# exercise: 1
# what: no explicit mask: packs the logits and the targets with pack_padded_sequence (same lengths, enforce_sorted=False), so .data holds exactly the real positions once each, and takes F.cross_entropy's mean over them
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    lengths = torch.as_tensor(lengths).to("cpu", torch.int64)
    real_logits = pack_padded_sequence(logits, lengths, batch_first=True,
                                       enforce_sorted=False).data
    real_targets = pack_padded_sequence(targets, lengths, batch_first=True,
                                        enforce_sorted=False).data
    return F.cross_entropy(real_logits, real_targets.long())
