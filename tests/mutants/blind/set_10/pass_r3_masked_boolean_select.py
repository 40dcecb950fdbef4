# expect: pass
# exercise: 1
# what: boolean-indexes the real positions out of the flattened logits with torch.masked_select-style selection and uses a log_softmax + gather NLL computed in float64 before casting back
# %% cell b84a873c
def masked_loss(logits, targets, lengths):
    """Mean cross-entropy over the real (unpadded) positions."""
    B, T, V = logits.shape
    steps = torch.arange(T, device=logits.device).expand(B, T)
    keep = steps < lengths.to(logits.device).unsqueeze(1)
    sel_logits = logits[keep].double()              # (num_real, V)
    sel_targets = targets.to(logits.device)[keep].long()  # (num_real,)
    logp = torch.log_softmax(sel_logits, dim=-1)
    nll = -logp.gather(1, sel_targets.unsqueeze(1)).squeeze(1)
    return nll.sum().div(keep.sum()).to(logits.dtype)
