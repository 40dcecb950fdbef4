# expect: fail
# exercise: 3
# what: does not slide the window: overwrites its newest column with the prediction, so the oldest observations stay and x[i+tau-1] is dropped
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window = torch.stack([x[j:j + n] for j in range(tau)], 1).clone()
    preds = []
    with torch.no_grad():
        for j in range(k):
            p = net(window)
            preds.append(p)
            window[:, -1] = p[:, 0]
    return torch.cat(preds, dim=1)
