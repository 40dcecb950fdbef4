# expect: pass
# exercise: 1
# what: row loop on a clone (X.clone(), then each row's first n entries replaced by their flip), lengths accepted as tensor or list
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    out = X.clone()
    for b, n in enumerate(torch.as_tensor(lengths).tolist()):
        n = int(n)
        if n > 0:
            out[b, :n] = X[b, :n].flip(0)
    return out
