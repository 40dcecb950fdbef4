# expect: fail
# exercise: 1
# what: reverses each row in place in X and returns X itself, so the caller's tensor is modified
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    for b, n in enumerate(torch.as_tensor(lengths).tolist()):
        X[b, :n] = X[b, :n].flip(0).clone()
    return X
