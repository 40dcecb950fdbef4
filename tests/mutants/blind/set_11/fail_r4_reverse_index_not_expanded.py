# expect: fail
# exercise: 1
# what: for a 3-d X the gather index is given a trailing dimension of size 1 (index[..., None]) but never expanded over the features, so gather returns only feature 0 of every step: shape (batch_size, max_len, 1) instead of X's shape (right for 2-d ids)
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    lengths = torch.as_tensor(lengths, device=X.device)
    t = torch.arange(X.shape[1], device=X.device)[None, :]
    index = torch.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
    if X.dim() == 3:
        index = index[..., None]
    return X.gather(1, index)
