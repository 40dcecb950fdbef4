# expect: pass
# exercise: 2
# what: normalises in log space with torch.logsumexp over the last dim and exponentiates once: exp(z - logsumexp(z)) with z = alpha * o / T
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    z = logits * (alpha / temperature)
    return torch.exp(z - torch.logsumexp(z, dim=-1, keepdim=True))
