# expect: fail
# exercise: 3
# what: ignores its argument x for the windows: reuses the notebook's global `features` (windows of the notebook series), so for any other series it predicts from the wrong observations
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    # the windows are already there from exercise 1: reuse them
    window = features[:n].clone()
    preds = []
    with torch.no_grad():
        for j in range(k):
            p = net(window)  # (n, 1)
            preds.append(p[:, 0])
            window = torch.cat([window[:, 1:], p], dim=1)
    return torch.stack(preds, dim=1)
