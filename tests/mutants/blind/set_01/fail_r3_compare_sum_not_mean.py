# expect: fail
# exercise: 4
# what: tabulates the SUM of squared errors over the held-out start times per k instead of the mean squared error the text asks for
# %% cell f307984e
K = 64
n = len(x) - tau - K + 1
idx = torch.arange(n)[:, None] + tau + torch.arange(K)[None, :]
targets = x[idx]
held = slice(n_train, n)
errors = {}
for name, net in [("MLP", mlp), ("LSTM", lstm)]:
    net.cpu()
    preds = k_step_predictions(net, x, tau, K)
    errors[name] = ((preds[held] - targets[held]) ** 2).sum(0).tolist()
base = x[torch.arange(n) + tau - 1][:, None].expand(n, K)
errors["repeat last"] = ((base[held] - targets[held]) ** 2).sum(0).tolist()
for name, e in errors.items():
    plt.loglog(range(1, K + 1), e, label=name)
plt.xlabel("k"); plt.ylabel("held-out squared error"); plt.legend(); plt.show()
