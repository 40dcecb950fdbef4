# expect: fail
# exercise: 4
# what: the repeat-last baseline uses x[i + tau] (the first TARGET, not the last observation x[i + tau - 1]), so the baseline peeks one step into the future and looks far too good
# %% cell f307984e
K = 64
n = len(x) - tau - K + 1
starts = torch.arange(n)
targets = torch.stack([x[starts + tau + j] for j in range(K)], dim=1)   # (n, K)
held = starts >= n_train
errors = {}
for name, net in {"MLP": mlp, "LSTM": lstm}.items():
    net.cpu()
    preds = k_step_predictions(net, x, tau, K)
    errors[name] = ((preds - targets) ** 2)[held].mean(0).tolist()
last = x[starts + tau].unsqueeze(1).expand(n, K)
errors["repeat last"] = ((last - targets) ** 2)[held].mean(0).tolist()
ks = list(range(1, K + 1))
for name, errs in errors.items():
    plt.loglog(ks, errs, label=name)
plt.xlabel("k"); plt.ylabel("held-out MSE"); plt.legend(); plt.show()
for k in (1, 4, 16, 64):
    print(k, {name: round(e[k - 1], 4) for name, e in errors.items()})
