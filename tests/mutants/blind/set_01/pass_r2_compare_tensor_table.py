# expect: pass
# exercise: 4
# what: keeps the held-out MSE in one (3, 64) float64 tensor (rows MLP, LSTM, repeat last; names in a list), targets via an index matrix, errors computed in float64; plots the table and a few k-step curves against time
# %% cell f307984e
K = 64
n_rows = x.numel() - tau - K + 1
rows = torch.arange(n_rows)[:, None]
cols = torch.arange(K)[None, :]
target = x[rows + tau + cols].double()            # (n_rows, K): x[i + tau + j]
keep = torch.arange(n_rows) >= n_train            # start times i >= 600
with torch.no_grad():
    pred_mlp = k_step_predictions(mlp, x, tau, K)
    pred_lstm = k_step_predictions(lstm, x, tau, K)
pred_last = x[rows + tau - 1].expand(n_rows, K)
table_names = ["MLP", "LSTM", "repeat last"]
mse_table = torch.stack([((p.double()[keep] - target[keep]) ** 2).mean(dim=0)
                         for p in (pred_mlp, pred_lstm, pred_last)])   # (3, K)
print("k   " + "".join(f"{nm:>13}" for nm in table_names))
for k in (1, 2, 4, 8, 16, 32, 64):
    print(f"{k:<4}" + "".join(f"{v:13.4f}" for v in mse_table[:, k - 1].tolist()))
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3))
for nm, row in zip(table_names, mse_table):
    ax1.loglog(range(1, K + 1), row.numpy(), label=nm)
ax1.set(xlabel="k", ylabel="held-out MSE"); ax1.legend(fontsize=8)
ax2.plot(time, x, color="lightgray", label="data")
for j in (0, 3, 15, 63):
    ax2.plot(time[tau + j: tau + j + n_rows], pred_lstm[:, j], lw=0.8,
             label=f"LSTM {j + 1}-step")
ax2.legend(fontsize=7)
plt.show()
