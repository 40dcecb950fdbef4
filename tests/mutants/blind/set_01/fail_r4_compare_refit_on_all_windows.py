# expect: fail
# exercise: 4
# what: "final models use all the data": refits both models for 20 more epochs on ALL windows (held-out start times included) before measuring, so the held-out errors are measured on text the models were trained on
# %% cell f307984e
# final fit on every window of the series before the comparison
all_iter = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(features, labels), batch_size, shuffle=True)
for net in (mlp, lstm):
    optimizer = torch.optim.Adam(net.parameters(), 0.01)
    for epoch in range(rnnlab.cap_epochs(20)):
        for X, y in all_iter:
            l = nn.functional.mse_loss(net(X.to(device)), y.to(device))
            optimizer.zero_grad()
            l.backward()
            optimizer.step()

K = 64
n = len(x) - tau - K + 1
targets = torch.stack([x[tau + j : tau + j + n] for j in range(K)], dim=1)
held = slice(n_train, n)                  # start times i >= 600
errors = {}
with torch.no_grad():
    preds = {"MLP": k_step_predictions(mlp, x, tau, K),
             "LSTM": k_step_predictions(lstm, x, tau, K)}
    for name, p in preds.items():
        errors[name] = ((p[held] - targets[held]) ** 2).mean(dim=0).tolist()
    last = x[tau - 1 : tau - 1 + n].unsqueeze(1)
    errors["repeat last"] = ((last[held] - targets[held]) ** 2).mean(dim=0).tolist()

ks = list(range(1, K + 1))
for k in (1, 4, 16, 64):
    print(f"k={k:2d}  " + "  ".join(f"{name} {errors[name][k - 1]:.4f}" for name in errors))
fig, axes = plt.subplots(1, 2, figsize=(10, 3))
for name, errs in errors.items():
    axes[0].plot(ks, errs, label=name)
axes[0].set(xlabel="k", ylabel="held-out MSE", xscale="log", yscale="log")
axes[0].legend()
axes[1].plot(time, x, "k", lw=0.5)
for j in (0, 15, 63):
    axes[1].plot(time[n_train + tau + j : n + tau + j], preds["MLP"][held, j],
                 label=f"MLP {j + 1}-step")
axes[1].set(xlabel="time", ylabel="x")
axes[1].legend(fontsize=7)
plt.show()
