# expect: fail
# exercise: 2
# what: takes the model's softmax once and applies both knobs as one power, softmax(o) ** (alpha / T), then renormalises: the same distribution on paper, but for tiny T every probability below 1 underflows to 0, so the sum is 0 and the result is nan instead of the argmax
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    # softmax(o / T) ** alpha is proportional to softmax(o) ** (alpha / T)
    p = torch.softmax(logits, dim=-1)
    q = p ** (alpha / temperature)
    return q / q.sum(dim=-1, keepdim=True)
