# expect: pass
# exercise: 1
# what: uses Tensor.unfold to get all length-tau windows and drops the last one, which has no label
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    features = x.unfold(0, tau, 1)[:-1].clone()   # (T - tau + 1, tau) -> (T - tau, tau)
    labels = x[tau:].clone().view(-1, 1)
    return features, labels
