# expect: pass
# exercise: 1
# what: log_softmax in float64 and gather of the target log-probabilities, padded targets clamped into range before gathering, torch.where mask
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    T = logits.shape[1]
    logp = F.log_softmax(logits.double(), dim=-1)
    mask = torch.arange(T, device=logits.device).unsqueeze(0) < lengths.to(logits.device).unsqueeze(1)
    safe_targets = torch.where(mask, targets.long(), torch.zeros_like(targets.long()))
    nll = -logp.gather(-1, safe_targets.unsqueeze(-1)).squeeze(-1)
    nll = torch.where(mask, nll, torch.zeros_like(nll))
    return (nll.sum() / mask.sum()).to(logits.dtype)
