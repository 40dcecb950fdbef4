# expect: fail
# exercise: 1
# what: feature columns start one position late (x[j+1:...]), so each window x_{i+1..i+tau} ends with its own label (leakage)
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    T = x.shape[0]
    cols = [x[j + 1:T - tau + j + 1] for j in range(tau)]
    features = torch.stack(cols, dim=1)
    labels = x[tau:].reshape(-1, 1)
    return features, labels
