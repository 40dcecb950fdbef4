# expect: pass
# exercise: 4
# what: calls k_step_predictions once per k (k = 1..64) and scores its last column on every held-out start time i >= 600 that k allows (more start times for small k than one k = 64 call keeps); errors in a dict of lists with the repeat-last baseline
# %% cell f307984e
K = 64
errors = {"MLP": [], "LSTM": [], "repeat last": []}
for net in (mlp, lstm):
    net.to("cpu")
for k in range(1, K + 1):
    n = len(x) - tau - k + 1
    starts = torch.arange(n_train, n)
    target = x[starts + tau + k - 1]
    for name, net in (("MLP", mlp), ("LSTM", lstm)):
        pred = k_step_predictions(net, x, tau, k)[n_train:, k - 1]
        errors[name].append(((pred - target) ** 2).mean().item())
    errors["repeat last"].append(((x[starts + tau - 1] - target) ** 2).mean().item())
for name, e in errors.items():
    plt.loglog(range(1, K + 1), e, label=name)
plt.xlabel("k"); plt.ylabel("held-out MSE"); plt.legend(); plt.show()
for k in (1, 4, 16, 64):
    print(k, {name: round(e[k - 1], 4) for name, e in errors.items()})
preds = k_step_predictions(lstm, x, tau, K)
for k in (1, 16, 64):
    t = torch.arange(n_train, preds.shape[0]) + tau + k - 1
    plt.plot(t, preds[n_train:, k - 1], label=f"LSTM {k}-step")
plt.plot(torch.arange(n_train + tau, len(x)), x[n_train + tau:], alpha=0.3, label="data")
plt.legend(); plt.show()
