# expect: pass
# exercise: 4
# what: calls k_step_predictions on the held-out slice x[600:] only (its row 0 is start time 600, so every row is a held-out start time and nothing needs filtering); targets by a list of shifted slices; errors kept as a dict of lists
# %% cell f307984e
K = 64
xs = x[n_train:]                          # start times i >= 600: windows x[i : i + tau]
n = len(xs) - tau - K + 1                 # = number of held-out start times for K = 64
targets = torch.stack([xs[tau + j : tau + j + n] for j in range(K)], dim=1)  # (n, K)

errors, preds = {}, {}
with torch.no_grad():
    for name, net in {"MLP": mlp, "LSTM": lstm}.items():
        preds[name] = k_step_predictions(net, xs, tau, K)
        errors[name] = ((preds[name] - targets) ** 2).mean(dim=0).tolist()
    last_obs = xs[tau - 1 : tau - 1 + n].unsqueeze(1)          # x[i + tau - 1]
    errors["repeat last"] = ((last_obs - targets) ** 2).mean(dim=0).tolist()

ks = range(1, K + 1)
print(f"{'k':>3} {'MLP':>8} {'LSTM':>8} {'repeat':>8}")
for k in (1, 2, 4, 8, 16, 32, 64):
    print(f"{k:3d} {errors['MLP'][k - 1]:8.4f} {errors['LSTM'][k - 1]:8.4f} "
          f"{errors['repeat last'][k - 1]:8.4f}")

fig, axes = plt.subplots(1, 2, figsize=(10, 3))
for name, errs in errors.items():
    axes[0].plot(ks, errs, label=name)
axes[0].set(xlabel="k", ylabel="held-out MSE", xscale="log", yscale="log")
axes[0].legend()
t0 = n_train + tau
axes[1].plot(time[t0:], xs[tau:], "k", lw=0.5, label="data")
for j in (0, 3, 15, 63):
    axes[1].plot(time[t0 + j : t0 + j + n], preds["LSTM"][:, j], label=f"LSTM {j + 1}-step")
axes[1].set(xlabel="time", ylabel="x")
axes[1].legend(fontsize=7)
plt.show()
