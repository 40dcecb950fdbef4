# expect: pass
# exercise: 2
# what: takes log_softmax of the raw logits once and scales it by the single exponent alpha / T before a last softmax (softmax(o)^(alpha/T) renormalised is the same distribution)
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    log_p = torch.log_softmax(logits, dim=-1)          # finite, <= 0
    return torch.softmax(log_p * (alpha / temperature), dim=-1)
