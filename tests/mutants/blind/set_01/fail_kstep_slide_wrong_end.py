# expect: fail
# exercise: 3
# what: slides the window the wrong way: drops the NEWEST column and puts the prediction in front as the oldest value
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window = torch.stack([x[j:j + n] for j in range(tau)], 1)
    preds = []
    with torch.no_grad():
        for _ in range(k):
            p = net(window)
            preds.append(p[:, 0])
            window = torch.cat([p, window[:, :-1]], dim=1)
    return torch.stack(preds, dim=1)
