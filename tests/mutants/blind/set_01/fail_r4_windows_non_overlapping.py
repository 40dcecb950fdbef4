# expect: fail
# exercise: 1
# what: cuts the series into NON-overlapping windows (unfold with step tau), so there are about T / tau - 1 rows instead of T - tau, one per start time
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    # every window of tau values, followed by its label; windows side by side
    windows = x.unfold(0, tau, tau)          # (T // tau, tau): x[0:tau], x[tau:2tau], ...
    features = windows[:-1]                  # the last window has no value after it
    labels = x[tau::tau][: len(features)].reshape(-1, 1)
    return features, labels
