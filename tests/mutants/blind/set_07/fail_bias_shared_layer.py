# expect: fail
# exercise: 2
# what: both language models wrap the SAME nn.LSTM object (to get equal weights), so the forget bias lands in both and they train one shared recurrent layer
# %% cell c8481ca9
rnnlab.seed(0)
lstm_layer = nn.LSTM(len(vocab), num_hiddens)   # one layer so both start from equal weights
default_net = rnnlab.RNNLM(lstm_layer, len(vocab)).to(device)
rnnlab.seed(0)
biased_net = rnnlab.RNNLM(lstm_layer, len(vocab)).to(device)
set_forget_bias(biased_net.rnn, 1.0)


def mean_forget_gate(net, X):
    rnn, H = net.rnn, net.rnn.hidden_size
    with torch.no_grad():
        X1 = nn.functional.one_hot(X[:, 0], len(vocab)).float().to(device)
        W_if = rnn.weight_ih_l0[H:2 * H]
        b = rnn.bias_ih_l0[H:2 * H] + rnn.bias_hh_l0[H:2 * H]
        return torch.sigmoid(X1 @ W_if.T + b).mean().item()


X_first, _ = next(iter(train_iter))
for name, net in (("default", default_net), ("forget bias 1", biased_net)):
    print(f"{name}: mean forget gate at the start {mean_forget_gate(net, X_first):.3f}")
# %% cell a14d0d27
num_epochs = rnnlab.cap_epochs(40)
nets = {"default": default_net, "forget bias 1": biased_net}
opts = {name: torch.optim.SGD(net.parameters(), lr=1) for name, net in nets.items()}
train_curve = {name: [] for name in nets}
val_curve = {name: [] for name in nets}
for epoch in range(num_epochs):
    for name, net in nets.items():
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, opts[name], device, False)
        train_curve[name].append(ppl)
        val_curve[name].append(rnnlab.evaluate_perplexity(net, val_iter, device))
fig, ax = plt.subplots(figsize=(6, 3.5))
for name in nets:
    line, = ax.plot(range(1, num_epochs + 1), train_curve[name], label=f"{name}, training")
    ax.plot(range(1, num_epochs + 1), val_curve[name], "--", color=line.get_color(),
            label=f"{name}, held-out")
ax.set(xlabel="epoch", ylabel="perplexity")
ax.legend(fontsize=8)
plt.show()
for name in nets:
    print(f"{name}: training {train_curve[name][-1]:.2f}, held-out {val_curve[name][-1]:.2f}")
