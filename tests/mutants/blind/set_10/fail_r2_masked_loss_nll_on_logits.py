# expect: fail
# exercise: 1
# what: uses F.nll_loss on the raw logits (forgot the log_softmax), so the "loss" is minus the target logit, not the cross-entropy
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    B, T, V = logits.shape
    losses = F.nll_loss(logits.transpose(1, 2), targets.long(), reduction="none")
    mask = (torch.arange(T, device=logits.device)[None, :] < lengths.to(logits.device)[:, None]).float()
    return (losses * mask).sum() / mask.sum()
