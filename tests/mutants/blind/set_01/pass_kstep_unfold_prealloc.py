# expect: pass
# exercise: 3
# what: first windows via unfold, result preallocated with torch.empty, window slid with torch.cat; gradients turned off with inference_mode
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window = x.unfold(0, tau, 1)[:n]          # row i = x[i : i + tau]
    result = torch.empty((n, k))
    with torch.inference_mode():
        for step in range(k):
            y_hat = net(window)               # (n, 1)
            result[:, step] = y_hat.squeeze(1)
            window = torch.cat((window[:, 1:], y_hat), dim=1)
    return result
