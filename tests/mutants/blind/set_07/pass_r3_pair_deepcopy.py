# expect: pass
# exercise: 2
# what: second model made with copy.deepcopy of the first (equal weights without reseeding), own optimizer per model, forget-gate mean from a manual gate computation, dict-based bookkeeping
# %% cell c8481ca9
rnnlab.seed(0)
default_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)
biased_net = copy.deepcopy(default_net)
set_forget_bias(biased_net.rnn, 1.0)

nets = {"default": default_net, "bias 1": biased_net}
optims = {k: torch.optim.SGD(n.parameters(), lr=1.0) for k, n in nets.items()}
curves = {k: {"train": [], "held": []} for k in nets}


def mean_forget_gate(net, X):
    rnn = net.rnn
    H = rnn.hidden_size
    with torch.no_grad():
        x1 = nn.functional.one_hot(X[:, 0].long(), len(vocab)).float().to(device)
        pre = (x1 @ rnn.weight_ih_l0[H:2 * H].T + rnn.bias_ih_l0[H:2 * H]
               + rnn.bias_hh_l0[H:2 * H])
        return torch.sigmoid(pre).mean().item()


X0, _ = next(iter(train_iter))
for k, n in nets.items():
    print(f"{k}: mean forget gate at the start {mean_forget_gate(n, X0):.3f}")

num_epochs = rnnlab.cap_epochs(40)
for epoch in range(num_epochs):
    for k, n in nets.items():
        n.train()
        ppl, _ = rnnlab.train_epoch(n, train_iter, loss, optims[k], device, False,
                                    clip_theta=1.0)
        curves[k]["train"].append(ppl)
        curves[k]["held"].append(rnnlab.evaluate_perplexity(n, val_iter, device))
for k in nets:
    print(f"{k}: training {curves[k]['train'][-1]:.2f}, held-out {curves[k]['held'][-1]:.2f}")
# %% cell a14d0d27
fig, ax = plt.subplots(figsize=(6, 3.5))
for k in curves:
    ax.plot(range(1, num_epochs + 1), curves[k]["train"], label=f"{k} train")
    ax.plot(range(1, num_epochs + 1), curves[k]["held"], "--", label=f"{k} held-out")
ax.set_xlabel("epoch"); ax.set_ylabel("perplexity"); ax.set_yscale("log"); ax.legend()
plt.show()
