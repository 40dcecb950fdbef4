# expect: fail
# exercise: 1
# what: labels returned as a flat vector (T - tau,) instead of a column (T - tau, 1); MSELoss then silently broadcasts (16,1) against (16,)
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    T = len(x)
    features = torch.stack([x[j:T - tau + j] for j in range(tau)], dim=1)
    labels = x[tau:]
    return features, labels
