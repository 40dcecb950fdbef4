# expect: pass
# exercise: 4
# what: computes per-column held-out MSE in an explicit loop over k with a pandas-free dict table, and plots a few k-step predictions against time
# %% cell f307984e
k_max = 64
n = T - tau - k_max + 1
first = n_train  # start times i >= 600
preds = {}
for name, net in (("MLP", mlp), ("LSTM", lstm)):
    net.to("cpu").eval()
    preds[name] = k_step_predictions(net, x, tau, k_max)
table = {name: [] for name in ("MLP", "LSTM", "repeat last")}
for j in range(k_max):
    target = x[first + tau + j:n + tau + j]
    for name in ("MLP", "LSTM"):
        table[name].append(float(((preds[name][first:, j] - target) ** 2).mean()))
    last_seen = x[first + tau - 1:n + tau - 1]
    table["repeat last"].append(float(((last_seen - target) ** 2).mean()))
print(f"{'k':>3} {'MLP':>8} {'LSTM':>8} {'repeat':>8}")
for k in (1, 2, 4, 8, 16, 32, 64):
    print(f"{k:3d} " + " ".join(f"{table[m][k - 1]:8.4f}" for m in table))
fig, axes = plt.subplots(1, 2, figsize=(9, 3))
for name, v in table.items():
    axes[0].plot(range(1, k_max + 1), v, label=name)
axes[0].set(xscale="log", yscale="log", xlabel="k", ylabel="held-out MSE")
axes[0].legend()
axes[1].plot(time, x, color="lightgray", label="data")
for k in (1, 4, 16, 64):
    axes[1].plot(time[tau + k - 1:tau + k - 1 + n], preds["MLP"][:, k - 1], label=f"{k}-step")
axes[1].legend(fontsize=7)
plt.show()
