# expect: fail
# exercise: 1
# what: index (n - 1 - t).clamp(min=0) instead of torch.where: the real tokens are reversed, but every padded position is overwritten with the row's first token X[b, 0]
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    B, T = X.shape[0], X.shape[1]
    n = torch.as_tensor(lengths, device=X.device).long().view(B, 1)
    index = (n - 1 - torch.arange(T, device=X.device).view(1, T)).clamp(min=0)
    if X.dim() == 3:
        index = index[..., None].expand_as(X)
    return X.gather(1, index)
