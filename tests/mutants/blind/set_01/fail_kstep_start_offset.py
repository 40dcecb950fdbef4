# expect: fail
# exercise: 3
# what: first window is x[i+1 : i+tau+1], one step late, so it already contains the target of column 0
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window = torch.stack([x[j + 1:j + 1 + n] for j in range(tau)], 1)
    preds = []
    with torch.no_grad():
        for _ in range(k):
            p = net(window)
            preds.append(p[:, 0])
            window = torch.cat([window[:, 1:], p], dim=1)
    return torch.stack(preds, dim=1)
