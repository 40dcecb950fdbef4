# expect: pass
# exercise: 2
# what: second model is a copy.deepcopy of the first (equal weights) before set_forget_bias; own epoch loop with detach, rnnlab.grad_clipping and SGD lr 1; mean forget gate recomputed from chunk(4) of the first step's pre-activation
# %% cell c8481ca9
import copy

rnnlab.seed(0)
default_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)
biased_net = copy.deepcopy(default_net)
set_forget_bias(biased_net.rnn, 1.0)
assert torch.equal(default_net.rnn.weight_hh_l0, biased_net.rnn.weight_hh_l0)

X0, _ = next(iter(train_iter))
with torch.no_grad():
    x1 = nn.functional.one_hot(X0[:, 0].long(), len(vocab)).float().to(device)
    for label, net in [("default", default_net), ("biased", biased_net)]:
        r = net.rnn
        pre = x1 @ r.weight_ih_l0.T + r.bias_ih_l0 + r.bias_hh_l0   # zero state: no W_hh term
        f = torch.sigmoid(pre.chunk(4, dim=1)[1])
        print(f"{label}: mean forget gate on the first minibatch {f.mean():.3f}")
# %% cell a14d0d27
def one_epoch(net, opt):
    state, total, n = None, 0.0, 0
    for X, Y in train_iter:
        X, y = X.to(device), Y.T.reshape(-1).to(device)
        state = (net.begin_state(X.shape[0], device) if state is None
                 else tuple(s.detach() for s in state))
        out, state = net(X, state)
        l = loss(out, y)
        opt.zero_grad()
        l.backward()
        rnnlab.grad_clipping(net, 1)
        opt.step()
        total, n = total + l.item() * y.numel(), n + y.numel()
    return math.exp(total / n)


history = {"default": ([], []), "biased": ([], [])}
pairs = [("default", default_net, torch.optim.SGD(default_net.parameters(), lr=1.0)),
         ("biased", biased_net, torch.optim.SGD(biased_net.parameters(), lr=1.0))]
for epoch in range(rnnlab.cap_epochs(40)):
    for label, net, opt in pairs:
        history[label][0].append(one_epoch(net, opt))
        history[label][1].append(rnnlab.evaluate_perplexity(net, val_iter, device))
for label, (tr, va) in history.items():
    plt.plot(tr, label=f"{label} train")
    plt.plot(va, ":", label=f"{label} held-out")
    print(label, f"final training {tr[-1]:.2f}, held-out {va[-1]:.2f}")
plt.xlabel("epoch")
plt.ylabel("perplexity")
plt.legend()
plt.show()
