# expect: fail
# exercise: 4
# what: tabulates the root mean squared error (sqrt of the held-out mean) per k instead of the mean squared error the text asks for
# %% cell f307984e
k_max = 64
n = len(x) - tau - k_max + 1
targets = torch.stack([x[tau + j: tau + j + n] for j in range(k_max)], dim=1)  # [i, j] = x[i+tau+j]
held = torch.arange(n) >= n_train
errors = {}
with torch.no_grad():
    for name, net in [("MLP", mlp), ("LSTM", lstm)]:
        preds = k_step_predictions(net, x, tau, k_max)
        errors[name] = ((preds[held] - targets[held]) ** 2).mean(0).sqrt().tolist()
last = x[tau - 1: tau - 1 + n].unsqueeze(1).expand(-1, k_max)
errors["repeat last"] = ((last[held] - targets[held]) ** 2).mean(0).sqrt().tolist()
ks = list(range(1, k_max + 1))
for k in (1, 2, 4, 8, 16, 32, 64):
    print(k, *(f"{errors[m][k - 1]:.4f}" for m in errors))
fig, ax = plt.subplots(figsize=(5, 3))
for m in errors:
    ax.plot(ks, errors[m], label=m)
ax.set(xscale="log", yscale="log", xlabel="k", ylabel="RMSE")
ax.legend()
plt.show()
