# expect: pass
# exercise: 1
# what: builds column j as torch.roll(x, -j) (the series shifted left by j, wrapping round) and keeps only the first T - tau rows, where nothing has wrapped; labels likewise from torch.roll(x, -tau)
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    n = x.shape[0] - tau
    # column j: x shifted left by j; rows 0..n-1 never reach the wrapped-round values
    cols = [torch.roll(x, shifts=-j, dims=0) for j in range(tau)]
    features = torch.stack(cols, dim=1)[:n].clone()
    labels = torch.roll(x, shifts=-tau, dims=0)[:n].unsqueeze(1).clone()
    return features, labels
