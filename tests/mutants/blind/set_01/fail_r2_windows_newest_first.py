# expect: fail
# exercise: 1
# what: builds the window columns as lags (lag 1 first): row i is x_{i+tau-1}, ..., x_i, the reverse of the asked x_i, ..., x_{i+tau-1}
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    T = x.shape[0]
    # column j holds the value j + 1 steps before the label (lag j + 1)
    lags = [x[tau - 1 - j: T - 1 - j] for j in range(tau)]
    features = torch.stack(lags, dim=1)
    labels = x[tau:].reshape(-1, 1)
    return features, labels
