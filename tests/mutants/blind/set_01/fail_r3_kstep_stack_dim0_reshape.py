# expect: fail
# exercise: 3
# what: collects the k prediction columns with torch.stack(dim=0) into (k, n) and then "fixes" the shape with .reshape(n, k) instead of transposing, scrambling which start time and horizon each entry belongs to
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window = torch.stack([x[j:j + n] for j in range(tau)], dim=1)
    preds = []
    with torch.no_grad():
        for _ in range(k):
            p = net(window)                      # (n, 1)
            preds.append(p.reshape(-1))
            window = torch.cat([window[:, 1:], p], dim=1)
    return torch.stack(preds, dim=0).reshape(n, k)
