# expect: fail
# exercise: 1
# what: off-by-one label: row i gets x[i + tau - 1], the newest value inside its own window, instead of the value after it
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    T = len(x)
    features = torch.zeros((T - tau, tau))
    for j in range(tau):
        features[:, j] = x[j:T - tau + j]
    labels = x[tau - 1:T - 1].reshape((-1, 1))
    return features, labels
