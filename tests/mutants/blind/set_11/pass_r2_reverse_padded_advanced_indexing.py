# expect: pass
# exercise: 1
# what: index built arithmetically (n - 1 - t inside, t outside, with torch.where) and applied with advanced indexing X[rows, index], which works for 2-d and 3-d X alike and returns a new tensor
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    B, T = X.shape[0], X.shape[1]
    n = torch.as_tensor(lengths, device=X.device).long().view(B, 1)
    t = torch.arange(T, device=X.device).view(1, T)
    index = torch.where(t < n, n - 1 - t, t)
    rows = torch.arange(B, device=X.device).view(B, 1)
    return X[rows, index]
