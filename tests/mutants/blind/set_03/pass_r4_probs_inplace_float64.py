# expect: pass
# exercise: 2
# what: works on a float64 clone with in-place ops (mul_, sub_ of the row maximum, exp_, div_), the maximum taken with torch.amax over the last dim; casts back to the logits' dtype at the end
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    z = logits.detach().to(torch.float64).clone()
    z.mul_(alpha / temperature)                       # softmax(o/T)^alpha ~ exp(alpha o / T)
    z.sub_(torch.amax(z, dim=-1, keepdim=True))       # largest entry of each row -> 0
    z.exp_()
    z.div_(z.sum(dim=-1, keepdim=True))
    return z.to(logits.dtype)
