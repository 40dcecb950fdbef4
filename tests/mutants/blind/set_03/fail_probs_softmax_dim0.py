# expect: fail
# exercise: 2
# what: normalises over dim=0: right for one vector, but for a batch (batch_size, vocab_size) it normalises across the batch
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    return torch.softmax(alpha * logits / temperature, dim=0)
