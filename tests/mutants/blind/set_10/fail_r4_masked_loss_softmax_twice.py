# expect: fail
# exercise: 1
# what: turns the logits into probabilities with softmax before F.cross_entropy (which applies log_softmax itself), so the loss is the cross-entropy of softmax(softmax(logits)); masking and the division by the real-token count are right
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    probs = F.softmax(logits, dim=-1)                       # (batch_size, T, vocab_size)
    losses = F.cross_entropy(probs.transpose(1, 2), targets, reduction="none")
    T = targets.shape[1]
    mask = torch.arange(T, device=lengths.device)[None, :] < lengths[:, None]
    mask = mask.to(losses.device)
    return (losses * mask).sum() / mask.sum()
