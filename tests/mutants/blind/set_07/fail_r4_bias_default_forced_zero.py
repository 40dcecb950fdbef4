# expect: fail
# exercise: 2
# what: a builder applies set_forget_bias to every model it builds, with 0.0 for the "default" one: the default model no longer has nn.LSTM's default (random) forget bias but b_if + b_hf = 0, so the comparison is bias 0 against bias 1, not default against 1
# %% cell c8481ca9
def make_lstm_lm(forget_bias):
    rnnlab.seed(0)                     # same initial weights for both
    net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)
    set_forget_bias(net.rnn, forget_bias)
    return net


default_net = make_lstm_lm(0.0)
biased_net = make_lstm_lm(1.0)

X, _ = next(iter(train_iter))
X1 = nn.functional.one_hot(X[:, 0], len(vocab)).float().to(device)
H = num_hiddens
with torch.no_grad():
    for name, net in [("default", default_net), ("biased", biased_net)]:
        rnn = net.rnn
        f = torch.sigmoid(X1 @ rnn.weight_ih_l0[H:2 * H].T + rnn.bias_ih_l0[H:2 * H]
                          + rnn.bias_hh_l0[H:2 * H])
        print(f"{name}: mean forget gate on the first minibatch {f.mean():.3f}")
# %% cell a14d0d27
num_epochs = rnnlab.cap_epochs(40)
nets = {"default": default_net, "biased": biased_net}
opts = {name: torch.optim.SGD(net.parameters(), lr=1) for name, net in nets.items()}
curves = {name: ([], []) for name in nets}
for epoch in range(num_epochs):
    for name, net in nets.items():
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, opts[name], device, False)
        curves[name][0].append(ppl)
        curves[name][1].append(rnnlab.evaluate_perplexity(net, val_iter, device))
fig, ax = plt.subplots(figsize=(5, 3))
for name, (tr, va) in curves.items():
    ax.plot(range(1, len(tr) + 1), tr, label=f"{name} training")
    ax.plot(range(1, len(va) + 1), va, "--", label=f"{name} held-out")
ax.set(xlabel="epoch", ylabel="perplexity")
ax.legend(fontsize=7)
plt.show()
