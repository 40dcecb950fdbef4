# expect: fail
# exercise: 1
# what: flips the whole row and rolls it left by the amount of padding: the real tokens are right, but the padding comes out in reversed order (not unchanged)
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    out = X.clone()
    T = X.shape[1]
    for b, n in enumerate(torch.as_tensor(lengths).tolist()):
        out[b] = torch.roll(X[b].flip(0), shifts=-(T - n), dims=0)
    return out
