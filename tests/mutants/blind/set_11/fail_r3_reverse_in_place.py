# expect: fail
# exercise: 1
# what: reverses the rows in place and returns X itself: the values are right but the caller's X is modified
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    for b in range(X.shape[0]):
        n = int(lengths[b])
        X[b, :n] = X[b, :n].flip(0).clone()
    return X
