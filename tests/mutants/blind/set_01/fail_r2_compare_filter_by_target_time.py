# expect: fail
# exercise: 4
# what: selects held-out entries by the time of the PREDICTED value (i + tau + j >= 600) instead of the start time i >= 600, so for every k > 1 windows that overlap the training windows are averaged in
# %% cell f307984e
k_max = 64
n = len(x) - tau - k_max + 1
I = torch.arange(n).unsqueeze(1)              # start time of each row
J = torch.arange(k_max).unsqueeze(0)          # column j: (j+1)-step ahead
targets = x[I + tau + J]
mask = (I + tau + J) >= n_train               # predicted value lies after the training data
def masked_mse(pred):
    se = (pred - targets) ** 2 * mask
    return (se.sum(0) / mask.sum(0)).tolist()
with torch.no_grad():
    mse = {name: masked_mse(k_step_predictions(net, x, tau, k_max))
           for name, net in [("MLP", mlp), ("LSTM", lstm)]}
mse["repeat last"] = masked_mse(x[I + tau - 1].expand(-1, k_max))
for k in (1, 4, 16, 64):
    print(f"k={k:2d}", {m: round(v[k - 1], 4) for m, v in mse.items()})
plt.figure(figsize=(5, 3))
for m, v in mse.items():
    plt.loglog(range(1, k_max + 1), v, label=m)
plt.xlabel("k"); plt.ylabel("MSE"); plt.legend(); plt.show()
