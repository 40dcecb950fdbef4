# expect: fail
# exercise: 4
# what: copy-paste slip in the loop: zips the names ("MLP", "LSTM") with the models in the order (lstm, mlp), so each model's errors are tabulated under the other's name
# %% cell f307984e
k_max = 64
n = len(x) - tau - k_max + 1
targets = torch.stack([x[tau + j: tau + j + n] for j in range(k_max)], dim=1)
start = n_train
mse_table = {}
with torch.no_grad():
    for name, net in zip(["MLP", "LSTM"], [lstm, mlp]):
        preds = k_step_predictions(net, x, tau, k_max)
        mse_table[name] = ((preds[start:] - targets[start:]) ** 2).mean(dim=0).tolist()
baseline = x[tau - 1: tau - 1 + n].unsqueeze(1)
mse_table["repeat last"] = ((baseline[start:] - targets[start:]) ** 2).mean(dim=0).tolist()
print("k    " + "  ".join(f"{m:>11}" for m in mse_table))
for k in (1, 2, 4, 8, 16, 32, 64):
    print(f"{k:<4} " + "  ".join(f"{mse_table[m][k - 1]:11.4f}" for m in mse_table))
for m, v in mse_table.items():
    plt.plot(range(1, k_max + 1), v, label=m)
plt.xscale("log"); plt.yscale("log"); plt.xlabel("k"); plt.ylabel("held-out MSE")
plt.legend(); plt.show()
