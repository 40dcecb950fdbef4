# expect: pass
# exercise: 1
# what: builds the per-row source positions with a python list per row (reversed real part + unchanged padding positions) and applies them with torch.take_along_dim, which broadcasts a (B, T, 1) index over the feature dimension of a 3-d X
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    max_len = X.shape[1]
    rows = []
    for n in torch.as_tensor(lengths).tolist():
        rows.append(list(range(n - 1, -1, -1)) + list(range(n, max_len)))
    index = torch.tensor(rows, dtype=torch.long, device=X.device)
    if X.dim() == 3:
        index = index.unsqueeze(-1)          # broadcast over the features
    return torch.take_along_dim(X, index, dim=1)
