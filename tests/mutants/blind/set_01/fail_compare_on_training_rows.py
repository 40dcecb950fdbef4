# expect: fail
# exercise: 4
# what: averages the k-step errors over ALL start times (training windows included) instead of the held-out start times i >= 600
# %% cell f307984e
k_max = 64
n = T - tau - k_max + 1
targets = torch.stack([x[tau + j:tau + j + n] for j in range(k_max)], dim=1)
mse = {}
for name, net in [("MLP", mlp), ("LSTM", lstm)]:
    net.cpu()
    preds = k_step_predictions(net, x, tau, k_max)
    mse[name] = ((preds - targets) ** 2).mean(dim=0)
repeat = x[tau - 1:tau - 1 + n].unsqueeze(1).expand(-1, k_max)
mse["repeat last"] = ((repeat - targets) ** 2).mean(dim=0)
steps = torch.arange(1, k_max + 1)
print(f"{'k':>3} " + " ".join(f"{name:>12}" for name in mse))
for k in (1, 2, 4, 8, 16, 32, 64):
    print(f"{k:3d} " + " ".join(f"{float(v[k - 1]):12.4f}" for v in mse.values()))
for name, v in mse.items():
    plt.plot(steps, v, label=name)
plt.xscale("log"); plt.yscale("log"); plt.xlabel("k"); plt.ylabel("MSE"); plt.legend()
plt.show()
