# expect: fail
# exercise: 1
# what: index lengths[b] - t instead of lengths[b] - 1 - t (clamped to stay in range): the reversed part is shifted by one and the first real token is dropped
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    B, T = X.shape[:2]
    L = torch.as_tensor(lengths, device=X.device)[:, None]
    t = torch.arange(T, device=X.device)[None, :]
    index = torch.where(t < L, (L - t).clamp(max=T - 1), t)
    if X.dim() == 3:
        index = index[..., None].expand_as(X)
    return X.gather(1, index)
