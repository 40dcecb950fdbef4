# expect: fail
# exercise: 2
# what: exponentiates alpha * logits / T without subtracting the maximum: overflows to inf/nan for tiny temperatures
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    weights = torch.exp(alpha * logits / temperature)
    return weights / weights.sum(dim=-1, keepdim=True)
