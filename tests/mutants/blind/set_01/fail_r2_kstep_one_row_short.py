# expect: fail
# exercise: 3
# what: off by one in the number of start times: uses n = T - tau - k (drops the last valid start), so the result has T - tau - k rows instead of T - tau - k + 1
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    T = len(x)
    n = T - tau - k  # the last target x[T - 1] must exist
    window = torch.stack([x[i: i + tau] for i in range(n)])
    cols = []
    with torch.no_grad():
        for _ in range(k):
            y = net(window)
            cols.append(y)
            window = torch.cat((window[:, 1:], y), dim=1)
    return torch.cat(cols, dim=1)
