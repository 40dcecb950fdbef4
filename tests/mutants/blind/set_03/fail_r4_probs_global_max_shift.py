# expect: fail
# exercise: 2
# what: stabilises by subtracting the single largest scaled logit of the WHOLE tensor (z - z.max()) instead of each row's maximum: fine for one vector, but in a batch with tiny T every row whose maximum lies below the global one underflows to all zeros and gives nan
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    z = logits * (alpha / temperature)
    z = z - z.max()                       # keep exp from overflowing
    e = torch.exp(z)
    return e / e.sum(dim=-1, keepdim=True)
