# expect: fail
# exercise: 4
# what: target of entry [i, j] taken as x[i + tau + j + 1] (one step too far), so every k is scored against the wrong value
# %% cell f307984e
k_max = 64
n = T - tau - k_max + 1
held = slice(n_train, None)
results = {}
for name, net in [("MLP", mlp), ("LSTM", lstm)]:
    net.cpu()
    preds = k_step_predictions(net, x, tau, k_max)
    errs = []
    for j in range(k_max):
        target = x[tau + j + 1:tau + j + 1 + n]
        target = torch.cat([target, x[-1:].expand(n - len(target))])
        errs.append(((preds[:, j] - target)[held] ** 2).mean().item())
    results[name] = errs
results["repeat last"] = [((x[tau - 1:tau - 1 + n] - x[tau + j:tau + j + n])[held] ** 2)
                          .mean().item() for j in range(k_max)]
for k in (1, 4, 16, 64):
    print(k, {name: round(v[k - 1], 4) for name, v in results.items()})
for name, v in results.items():
    plt.loglog(range(1, k_max + 1), v, label=name)
plt.legend(); plt.xlabel("k"); plt.ylabel("held-out MSE"); plt.show()
