# expect: fail
# exercise: 2
# what: clamps the temperature to at least 0.1 to stay finite, so tiny temperatures do not approach argmax (T -> 0 must give argmax)
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    t = max(float(temperature), 0.1)  # avoid dividing by ~0
    return torch.softmax(alpha * logits / t, dim=-1)
