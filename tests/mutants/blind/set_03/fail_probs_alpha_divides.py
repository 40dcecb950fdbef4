# expect: fail
# exercise: 2
# what: divides by alpha like a second temperature (softmax(o / (T * alpha))) instead of multiplying: alpha > 1 flattens instead of sharpening
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    return torch.softmax(logits / (temperature * alpha), dim=-1)
