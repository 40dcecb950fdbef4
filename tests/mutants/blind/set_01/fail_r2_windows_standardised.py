# expect: fail
# exercise: 1
# what: standardises the feature columns with the mean/std of the whole series (held-out part included) but leaves the labels raw, so rows are not the values x_i..x_{i+tau-1}
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    T = len(x)
    z = (x - x.mean()) / x.std()  # networks like standardised inputs
    features = torch.stack([z[j: T - tau + j] for j in range(tau)], dim=1)
    labels = x[tau:].reshape(-1, 1)
    return features, labels
