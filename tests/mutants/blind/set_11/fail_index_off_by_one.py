# expect: fail
# exercise: 1
# what: index lengths[b] - t instead of lengths[b] - 1 - t: each row starts with its first pad and drops x_1
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    max_len = X.shape[1]
    lengths = torch.as_tensor(lengths, device=X.device).long()
    t = torch.arange(max_len, device=X.device)[None, :]
    index = torch.where(t < lengths[:, None], lengths[:, None] - t, t)
    index = index.clamp(max=max_len - 1)
    if X.dim() == 3:
        index = index[..., None].expand_as(X)
    return X.gather(1, index)
