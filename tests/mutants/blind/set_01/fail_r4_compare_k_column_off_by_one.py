# expect: fail
# exercise: 4
# what: off by one in the k axis: tabulates column k of the prediction table as the k-step error for k = 1..63 (column 0, the one-step error, is never reported), so every entry is the (k+1)-step error labelled as k
# %% cell f307984e
K = 64
n = len(x) - tau - K + 1
# target of entry [i, j] is x[i + tau + j]
targets = torch.stack([x[tau + j : tau + j + n] for j in range(K)], dim=1)
held_out = torch.arange(n) >= n_train              # start times i >= 600
ks = list(range(1, K))
errors = {}
with torch.no_grad():
    preds = {name: k_step_predictions(net, x, tau, K)
             for name, net in [("MLP", mlp), ("LSTM", lstm)]}
    preds["repeat last"] = x[tau - 1 : tau - 1 + n].unsqueeze(1).expand(n, K)
    for name, p in preds.items():
        mse = ((p - targets)[held_out] ** 2).mean(dim=0)    # one value per column
        errors[name] = [mse[k].item() for k in ks]

print(f"{'k':>3} " + " ".join(f"{name:>12}" for name in errors))
for idx, k in enumerate(ks):
    if k in (1, 2, 4, 8, 16, 32, 63):
        print(f"{k:3d} " + " ".join(f"{errors[name][idx]:12.4f}" for name in errors))

fig, axes = plt.subplots(1, 2, figsize=(10, 3))
for name, errs in errors.items():
    axes[0].plot(ks, errs, label=name)
axes[0].set(xlabel="k", ylabel="held-out MSE", xscale="log", yscale="log")
axes[0].legend()
starts = torch.arange(n_train, n)
axes[1].plot(time[tau + n_train:], x[tau + n_train:], "k", lw=0.5, label="data")
for j in (0, 3, 15, 63):
    axes[1].plot(time[starts + tau + j], preds["LSTM"][starts, j], label=f"LSTM {j + 1}-step")
axes[1].set(xlabel="time", ylabel="x")
axes[1].legend(fontsize=7)
plt.show()
