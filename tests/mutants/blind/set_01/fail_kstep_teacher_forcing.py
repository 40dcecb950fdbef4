# expect: fail
# exercise: 3
# what: slides the window with the next OBSERVED value instead of the model's prediction, so every column is really a one-step prediction
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window = torch.stack([x[j:j + n] for j in range(tau)], 1)
    preds = torch.zeros((n, k))
    with torch.no_grad():
        for j in range(k):
            preds[:, j] = net(window).reshape(-1)
            nxt = x[tau + j:tau + j + n].reshape(-1, 1)
            window = torch.cat([window[:, 1:], nxt], dim=1)
    return preds
