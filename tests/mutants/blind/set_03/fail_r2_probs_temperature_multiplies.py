# expect: fail
# exercise: 2
# what: multiplies the logits by the temperature instead of dividing (softmax(alpha * T * o)): T < 1 flattens and T > 1 sharpens, the opposite of the text
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    # stable: alpha * o * T, shifted by the max
    z = alpha * logits * temperature
    z = z - z.max(dim=-1, keepdim=True).values
    e = torch.exp(z)
    return e / e.sum(dim=-1, keepdim=True)
