# expect: pass
# exercise: 1
# what: loop over rows on a clone, flipping X[b, :n] along the time axis
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    out = X.clone()
    for b, n in enumerate(torch.as_tensor(lengths).tolist()):
        out[b, :n] = X[b, :n].flip(0)
    return out
