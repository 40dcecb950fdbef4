# expect: pass
# exercise: 1
# what: builds an integer index matrix idx[i, j] = i + j with broadcasting and gathers x[idx] in one indexing operation; labels via x[tau:, None]
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    n = x.shape[0] - tau
    idx = torch.arange(n).unsqueeze(1) + torch.arange(tau).unsqueeze(0)  # (n, tau)
    features = x[idx]
    labels = x[tau:, None].clone()
    return features, labels
