# expect: pass
# exercise: 2
# what: computes the stable softmax of alpha * o / T by hand in float64 and casts back to the logits' dtype
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    z = logits.double() * (alpha / temperature)
    z = z - z.amax(dim=-1, keepdim=True)
    probs = torch.exp(z)
    probs = probs / probs.sum(dim=-1, keepdim=True)
    return probs.to(logits.dtype)
