# expect: pass
# exercise: 1
# what: builds the windows row by row in a Python loop and stacks the rows; labels via unsqueeze(1)
# %% cell f750aefb
def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    rows, targets = [], []
    for i in range(len(x) - tau):
        rows.append(x[i:i + tau])
        targets.append(x[i + tau])
    features = torch.stack(rows)
    labels = torch.stack(targets).unsqueeze(1)
    return features, labels
