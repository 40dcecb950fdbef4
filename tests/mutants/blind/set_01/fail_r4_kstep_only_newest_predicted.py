# expect: fail
# exercise: 3
# what: for step j it takes the OBSERVED window x[i + j : i + j + tau - 1] and replaces only its newest value by the previous prediction, so from j = 2 on the window holds observations after the start time (x[i + tau], ...) instead of the model's own predictions
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    def observed(start, width):
        # column c: x[i + start + c] for every start time i
        return torch.stack([x[start + c : start + c + n] for c in range(width)], dim=1)
    preds = torch.empty(n, k)
    with torch.no_grad():
        window = observed(0, tau)                    # x[i : i + tau]
        for j in range(k):
            pred = net(window)                       # prediction of x[i + tau + j]
            preds[:, j] = pred[:, 0]
            # next window: the value the net must not see is replaced by its prediction
            window = torch.cat([observed(j + 1, tau - 1), pred], dim=1)
    return preds
