# expect: pass
# exercise: 4
# what: keeps the held-out MSE as a dict of NumPy float64 arrays (one per model and the baseline), targets via unfold, errors computed in NumPy float64; plots a few k-step curves against time
# %% cell f307984e
import numpy as np

K = 64
n = len(x) - tau - K + 1
targets = x[tau:].unfold(0, K, 1)[:n].double().numpy()      # row i: x[i + tau : i + tau + K]
rows = np.arange(n) >= n_train
preds_all = {}
mse_by_k = {}
for name, net in (("MLP", mlp), ("LSTM", lstm)):
    net.to("cpu")
    preds_all[name] = k_step_predictions(net, x, tau, K).double().numpy()
    mse_by_k[name] = np.mean((preds_all[name][rows] - targets[rows]) ** 2, axis=0)
last_obs = x[tau - 1:tau - 1 + n].double().numpy()[:, None]
mse_by_k["repeat last"] = np.mean((last_obs[rows] - targets[rows]) ** 2, axis=0)
ks = np.arange(1, K + 1)
for name, e in mse_by_k.items():
    plt.loglog(ks, e, label=name)
plt.xlabel("k"); plt.ylabel("held-out MSE"); plt.legend(); plt.show()
for k in (1, 4, 16, 64):
    print(f"k={k:2d} " + "  ".join(f"{nm}: {e[k - 1]:.4f}" for nm, e in mse_by_k.items()))
for k in (1, 16, 64):
    t = np.arange(n) + tau + k - 1
    plt.plot(t[rows], preds_all["LSTM"][rows, k - 1], label=f"LSTM {k}-step")
plt.plot(np.arange(n_train + tau, len(x)), x[n_train + tau:].numpy(), alpha=0.3, label="data")
plt.legend(); plt.show()
