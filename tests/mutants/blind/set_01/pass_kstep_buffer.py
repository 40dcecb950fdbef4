# expect: pass
# exercise: 3
# what: one (n, tau + k) buffer: observations in the first tau columns, each prediction written into column tau + j, the window is a moving slice of the buffer
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = x.shape[0] - tau - k + 1
    buf = torch.zeros((n, tau + k), dtype=x.dtype, device=x.device)
    for j in range(tau):
        buf[:, j] = x[j:j + n]
    with torch.no_grad():
        for j in range(k):
            buf[:, tau + j] = net(buf[:, j:j + tau]).reshape(-1)
    return buf[:, tau:].clone()
