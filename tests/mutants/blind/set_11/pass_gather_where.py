# expect: pass
# exercise: 1
# what: index tensor with torch.where (lengths-1-t inside, t outside) and gather, expanded over the feature dimension for 3-d inputs
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    batch_size, max_len = X.shape[0], X.shape[1]
    lengths = torch.as_tensor(lengths, device=X.device).long()
    t = torch.arange(max_len, device=X.device)[None, :]
    index = torch.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
    if X.dim() == 3:
        index = index[..., None].expand_as(X)
    return X.gather(1, index)
