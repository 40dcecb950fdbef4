# expect: pass
# exercise: 2
# what: lets torch.distributions.Categorical normalise the scaled logits alpha * o / T and returns its .probs (works for one vector and for a batch)
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    from torch.distributions import Categorical
    return Categorical(logits=alpha * logits / temperature).probs
