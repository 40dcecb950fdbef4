# expect: fail
# exercise: 1
# what: keeps every window including the last one (T - tau + 1 rows), so features have one row more than asked and than the labels
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    T = len(x)
    # every window of length tau that fits into the series
    features = torch.stack([x[j: T - tau + j + 1] for j in range(tau)], dim=1)
    labels = x[tau:].unsqueeze(1)
    return features, labels
