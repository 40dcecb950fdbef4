# expect: pass
# exercise: 3
# what: reuses make_windows for the first windows, switches the net to eval mode for the rollout and restores its previous mode, collects predictions in a list and concatenates along dim=1
# %% cell 9c576fca
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    n = len(x) - tau - k + 1
    window, _ = make_windows(x, tau)
    window = window[:n]
    was_training = net.training
    net.eval()
    cols = []
    try:
        with torch.inference_mode():
            for _ in range(k):
                p = net(window).reshape(n, 1)
                cols.append(p)
                window = torch.cat((window[:, 1:], p), dim=1)
    finally:
        net.train(was_training)
    return torch.cat(cols, dim=1)
