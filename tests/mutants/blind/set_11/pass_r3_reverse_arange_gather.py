# expect: pass
# exercise: 1
# what: vectorised index built with arithmetic (lengths - 1 - t where valid, else t) via torch.where, gather on the flattened trailing dimensions reshaped back
# %% cell e9f4e624
def reverse_padded(X, lengths):
    """Row b: X[b, lengths[b]-1], ..., X[b, 0], then the padding unchanged."""
    B, T = X.shape[0], X.shape[1]
    L = torch.as_tensor(lengths, device=X.device).long().view(B, 1)
    t = torch.arange(T, device=X.device).view(1, T).expand(B, T)
    idx = torch.where(t < L, L - 1 - t, t)
    flat = X.reshape(B, T, -1)
    picked = torch.gather(flat, 1, idx.unsqueeze(-1).expand(B, T, flat.shape[-1]))
    return picked.reshape(X.shape)
