# expect: fail
# exercise: 1
# what: writes the reversed tokens into a zeros tensor, so the padding is replaced by zeros instead of kept unchanged
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    out = torch.zeros_like(X)
    for b, n in enumerate(torch.as_tensor(lengths).tolist()):
        out[b, :n] = X[b, :n].flip(0)
    return out
