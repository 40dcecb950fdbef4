# expect: fail
# exercise: 3
# what: slides the window correctly but calls the net on the FIRST windows every time (variable slip: net(windows) instead of net(window)), so every column is the same one-step prediction of x[i + tau]
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    windows = torch.stack([x[j : j + n] for j in range(tau)], dim=1)  # (n, tau)
    window = windows.clone()
    preds = []
    with torch.no_grad():
        for _ in range(k):
            pred = net(windows)                                  # (n, 1)
            preds.append(pred)
            window = torch.cat([window[:, 1:], pred], dim=1)     # drop oldest, append
    return torch.cat(preds, dim=1)                               # (n, k)
