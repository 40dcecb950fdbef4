# expect: fail
# exercise: 1
# what: flips the whole padded row (X.flip(1)), so the padding comes first and the real tokens are shifted
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    return X.flip(1)
