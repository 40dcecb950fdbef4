# expect: fail
# exercise: 2
# what: set_forget_bias is applied to a stand-alone nn.LSTM that is never used; biased_net is built around a fresh layer from the same seed, so both models are identical
# %% cell c8481ca9
rnnlab.seed(0)
default_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)
rnnlab.seed(0)
biased_lstm = nn.LSTM(len(vocab), num_hiddens)
set_forget_bias(biased_lstm, 1.0)
rnnlab.seed(0)
biased_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)

opt_d = torch.optim.SGD(default_net.parameters(), lr=1)
opt_b = torch.optim.SGD(biased_net.parameters(), lr=1)
H = num_hiddens
X0, _ = next(iter(train_iter))
x1 = nn.functional.one_hot(X0[:, 0].long(), len(vocab)).float().to(device)
with torch.no_grad():
    for name, n in [("default", default_net), ("biased", biased_net)]:
        r = n.rnn
        f = torch.sigmoid(x1 @ r.weight_ih_l0[H:2 * H].T + r.bias_ih_l0[H:2 * H] + r.bias_hh_l0[H:2 * H])
        print(f"{name}: mean forget gate {f.mean():.3f}")
hist = {"default": ([], []), "biased": ([], [])}
num_epochs = rnnlab.cap_epochs(40)
for epoch in range(num_epochs):
    for name, n, opt in [("default", default_net, opt_d), ("biased", biased_net, opt_b)]:
        ppl, _ = rnnlab.train_epoch(n, train_iter, loss, opt, device, False)
        hist[name][0].append(ppl)
        hist[name][1].append(rnnlab.evaluate_perplexity(n, val_iter, device))
# %% cell a14d0d27
for name, (tr, va) in hist.items():
    plt.plot(tr, label=f"{name} train")
    plt.plot(va, "--", label=f"{name} held-out")
plt.legend(); plt.xlabel("epoch"); plt.ylabel("perplexity")
plt.show()
