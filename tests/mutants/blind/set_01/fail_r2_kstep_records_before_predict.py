# expect: fail
# exercise: 3
# what: off by one in the bookkeeping only: column j stores the window's newest value before predicting, so column 0 is the observation x[i+tau-1] and column j the j-step (not j+1-step) prediction
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window = torch.stack([x[j: j + n] for j in range(tau)], dim=1)
    result = torch.empty(n, k)
    with torch.no_grad():
        for j in range(k):
            result[:, j] = window[:, -1]        # newest value in the window
            pred = net(window)
            window = torch.cat([window[:, 1:], pred], dim=1)
    return result
