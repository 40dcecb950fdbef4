# expect: fail
# exercise: 3
# what: slides with torch.roll(window, -1, dims=1) but writes the prediction into column 0 instead of the last column, so the oldest observation wraps round to the newest position and the prediction lands second-oldest
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window = torch.stack([x[j:j + n] for j in range(tau)], dim=1).clone()
    result = torch.zeros(n, k)
    with torch.no_grad():
        for j in range(k):
            p = net(window).reshape(-1)
            result[:, j] = p
            window = torch.roll(window, -1, dims=1)
            window[:, 0] = p
    return result
