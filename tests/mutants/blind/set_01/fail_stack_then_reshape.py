# expect: fail
# exercise: 1
# what: stacks the tau shifted copies as rows (tau, T - tau) and then reshapes to (T - tau, tau) instead of transposing, scrambling the windows
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    T = x.shape[0]
    features = torch.stack([x[j:T - tau + j] for j in range(tau)])  # (tau, T - tau)
    features = features.reshape(T - tau, tau)
    labels = x[tau:].reshape(-1, 1)
    return features, labels
