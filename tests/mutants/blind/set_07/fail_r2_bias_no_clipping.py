# expect: fail
# exercise: 2
# what: drops the gradient clipping (the settings fix clipping at norm 1) because "SGD is enough"
# %% cell c8481ca9
def make_lm():
    return rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)

rnnlab.seed(0)
default_net = make_lm()
biased_net = make_lm()
biased_net.load_state_dict(default_net.state_dict())  # same initial weights
set_forget_bias(biased_net.rnn, 1.0)

def mean_forget_gate(net, X):
    rnn = net.rnn
    H = rnn.hidden_size
    with torch.no_grad():
        x1 = nn.functional.one_hot(X[:, 0].long(), len(vocab)).float().to(device)
        pre = x1 @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + rnn.bias_hh_l0  # h_0 = 0
        f = torch.sigmoid(pre[:, H:2 * H])
    return f.mean().item()

X_first, _ = next(iter(train_iter))
for name, net in [("default", default_net), ("forget bias 1", biased_net)]:
    print(f"{name}: mean forget gate at the start {mean_forget_gate(net, X_first):.3f}")
# %% cell a14d0d27
def one_epoch(net, opt):
    state, total, count = None, 0.0, 0
    for X, Y in train_iter:
        X, Y = X.to(device), Y.to(device)
        if state is None:
            state = net.begin_state(X.shape[0], device)
        else:
            state = tuple(s.detach() for s in state)
        logits, state = net(X, state)
        y = Y.T.reshape(-1).long()
        l = loss(logits, y)
        opt.zero_grad()
        l.backward()
        opt.step()
        total += l.item() * y.numel()
        count += y.numel()
    return math.exp(total / count)

nets = {"default": default_net, "forget bias 1": biased_net}
opts = {k: torch.optim.SGD(n.parameters(), lr=1) for k, n in nets.items()}
curves = {k: {"train": [], "held-out": []} for k in nets}
num_epochs = rnnlab.cap_epochs(40)
for epoch in range(num_epochs):
    for k, net in nets.items():
        curves[k]["train"].append(one_epoch(net, opts[k]))
        curves[k]["held-out"].append(rnnlab.evaluate_perplexity(net, val_iter, device))
for k in nets:
    plt.plot(curves[k]["train"], label=f"{k} (training)")
    plt.plot(curves[k]["held-out"], "--", label=f"{k} (held-out)")
    print(f"{k}: training {curves[k]['train'][-1]:.2f}, held-out {curves[k]['held-out'][-1]:.2f}")
plt.xlabel("epoch"); plt.ylabel("perplexity"); plt.legend(); plt.show()
