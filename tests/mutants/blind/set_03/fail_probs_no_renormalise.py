# expect: fail
# exercise: 2
# what: raises softmax(o / T) to the power alpha but never renormalises, so the result does not sum to 1 for alpha != 1
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    p = torch.softmax(logits / temperature, dim=-1)
    return p ** alpha  # sharpened probabilities
