# expect: pass
# exercise: 2
# what: works in log space: alpha * log_softmax(o / T), shifts by the max, exponentiates and renormalises by hand
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    scaled = alpha * F.log_softmax(logits / temperature, dim=-1)
    scaled = scaled - scaled.max(dim=-1, keepdim=True).values
    p = scaled.exp()
    return p / p.sum(dim=-1, keepdim=True)
