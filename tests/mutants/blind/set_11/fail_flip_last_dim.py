# expect: fail
# exercise: 1
# what: flips X[b, :n] on its last dimension: right for 2-d ids, but for a 3-d batch it reverses the features instead of the time steps
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    out = X.clone()
    for b, n in enumerate(torch.as_tensor(lengths).tolist()):
        out[b, :n] = X[b, :n].flip(-1)
    return out
