# expect: pass
# exercise: 3
# what: slides the window in place with torch.roll and writes the prediction into the last column; predictions collected in a Python list and stacked along dim=1; whole function under torch.no_grad and on the net's device
# %% cell 9c576fca
@torch.no_grad()
def k_step_predictions(net, x, tau, k):
    """Entry [i, j]: the (j + 1)-step-ahead prediction of x[i + tau + j] from x[i : i +
    tau]."""
    dev = next(net.parameters()).device
    n = x.numel() - tau - k + 1
    window = x.unfold(0, tau, 1)[:n].clone().to(dev)  # (n, tau), row i = x[i:i+tau]
    out = []
    for step in range(k):
        pred = net(window).reshape(n)
        out.append(pred)
        window = torch.roll(window, shifts=-1, dims=1)
        window[:, -1] = pred
    return torch.stack(out, dim=1).cpu()
