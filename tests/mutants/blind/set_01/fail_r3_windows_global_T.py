# expect: fail
# exercise: 1
# what: sizes the windows with min(T, len(x)) using the notebook's global T = 1000 instead of len(x): right for this series, but for any longer series it returns only 1000 - tau rows instead of len(x) - tau
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    n = min(T, len(x)) - tau
    features = torch.stack([x[j:j + n] for j in range(tau)], dim=1)
    labels = x[tau:tau + n].reshape(-1, 1)
    return features, labels
