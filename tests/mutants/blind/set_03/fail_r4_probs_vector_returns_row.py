# expect: fail
# exercise: 2
# what: handles one vector by unsqueezing it to a (1, vocab_size) batch but never squeezes back, so for one logits vector it returns shape (1, vocab_size) instead of (vocab_size,) (predict_sample still runs: multinomial and int() accept it)
# %% cell 03-15
def next_token_probs(logits, temperature=1.0, alpha=1.0):
    """Probabilities of the next token: softmax(logits / temperature) ** alpha,
    renormalised (last dim)."""
    if logits.dim() == 1:                  # one vector: treat it as a batch of one
        logits = logits.unsqueeze(0)
    z = alpha * logits / temperature       # softmax(o / T) ** alpha ~ exp(alpha * o / T)
    z = z - z.max(dim=1, keepdim=True).values
    e = torch.exp(z)
    return e / e.sum(dim=1, keepdim=True)
