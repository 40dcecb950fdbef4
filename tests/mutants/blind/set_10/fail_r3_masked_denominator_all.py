# expect: fail
# exercise: 1
# what: masks the numerator but divides by every position B*T (padding included) via .mean()
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    B, T, V = logits.shape
    per_pos = F.cross_entropy(logits.reshape(B * T, V), targets.reshape(-1).long(),
                              reduction="none").reshape(B, T)
    mask = (torch.arange(T, device=logits.device)[None, :]
            < lengths.to(logits.device)[:, None]).float()
    return (per_pos * mask).mean()
