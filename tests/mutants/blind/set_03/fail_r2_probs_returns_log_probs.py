# expect: fail
# exercise: 2
# what: returns the renormalised LOG-probabilities (log_softmax(alpha * o / T)) instead of the probabilities
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    # work in log space: finite for any temperature
    return torch.log_softmax(alpha * logits / temperature, dim=-1)
