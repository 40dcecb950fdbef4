# expect: pass
# exercise: 1
# what: builds the windows as a strided view (torch.as_strided) over a contiguous copy, then clones it; labels via x[tau:].unsqueeze(-1)
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    x = x.contiguous()
    n = x.shape[0] - tau
    features = torch.as_strided(x, size=(n, tau), stride=(1, 1)).clone()
    labels = x[tau:].unsqueeze(-1).clone()
    return features, labels
