# expect: fail
# exercise: 2
# what: "measures" the held-out perplexity with rnnlab.train_epoch on val_iter, so both models also take SGD steps on the held-out text
# %% cell c8481ca9
rnnlab.seed(0)
default_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)
rnnlab.seed(0)
biased_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)
set_forget_bias(biased_net.rnn, 1.0)

H = num_hiddens
X0, _ = next(iter(train_iter))
x1 = nn.functional.one_hot(X0[:, 0].long(), len(vocab)).float().to(device)
with torch.no_grad():
    for name, n in [("default", default_net), ("biased", biased_net)]:
        r = n.rnn
        f = torch.sigmoid(x1 @ r.weight_ih_l0[H:2 * H].T + r.bias_ih_l0[H:2 * H] + r.bias_hh_l0[H:2 * H])
        print(f"{name}: mean forget gate {f.mean():.3f}")
runs = {"default": (default_net, torch.optim.SGD(default_net.parameters(), lr=1), [], []),
        "biased": (biased_net, torch.optim.SGD(biased_net.parameters(), lr=1), [], [])}
num_epochs = rnnlab.cap_epochs(40)
for epoch in range(num_epochs):
    for name, (n, opt, tr, va) in runs.items():
        ppl, _ = rnnlab.train_epoch(n, train_iter, loss, opt, device, False)
        tr.append(ppl)
        val_ppl, _ = rnnlab.train_epoch(n, val_iter, loss, opt, device, False)
        va.append(val_ppl)
# %% cell a14d0d27
for name, (n, opt, tr, va) in runs.items():
    plt.plot(tr, label=f"{name} train")
    plt.plot(va, "--", label=f"{name} held-out")
plt.legend(); plt.xlabel("epoch"); plt.ylabel("perplexity")
plt.show()
