# expect: fail
# exercise: 2
# what: keeps it 'finite' by clamping the scaled logits alpha * o / T to [-30, 30] before the softmax: for tiny T all large scores hit the same ceiling and tie, so the result is not the argmax limit (nor the stated distribution)
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    z = torch.clamp(alpha * logits / temperature, -30.0, 30.0)
    return torch.softmax(z, dim=-1)
