# expect: pass
# exercise: 1
# what: own epoch function (detach the carried state, clip with rnnlab.grad_clipping, SGD lr 1) and own held-out loop under eval()/no_grad; side by side, GRU first in one epoch, LSTM first in the next
# %% cell 6750f7fe
import math


def run_epoch(net, opt, data):
    loss_fn, state, total, count = nn.CrossEntropyLoss(), None, 0.0, 0
    net.train()
    for X, Y in data:
        X, y = X.to(device), Y.T.reshape(-1).to(device)
        if state is None:
            state = net.begin_state(X.shape[0], device)
        else:
            state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()
        logits, state = net(X, state)
        l = loss_fn(logits, y)
        opt.zero_grad()
        l.backward()
        rnnlab.grad_clipping(net, 1.0)
        opt.step()
        total += l.item() * y.numel()
        count += y.numel()
    return math.exp(total / count)


@torch.no_grad()
def heldout_ppl(net, data):
    net.eval()
    state, total, count = None, 0.0, 0
    for X, Y in data:
        X, y = X.to(device), Y.T.reshape(-1).to(device)
        if state is None:
            state = net.begin_state(X.shape[0], device)
        logits, state = net(X, state)
        total += nn.functional.cross_entropy(logits, y, reduction="sum").item()
        count += y.numel()
    net.train()
    return math.exp(total / count)


rnnlab.seed(0)
gru = rnnlab.RNNLM(nn.GRU(len(vocab), 256), len(vocab)).to(device)
rnnlab.seed(0)
lstm = rnnlab.RNNLM(nn.LSTM(len(vocab), 256), len(vocab)).to(device)
models = {"GRU": gru, "LSTM": lstm}
opts = {k: torch.optim.SGD(m.parameters(), lr=1) for k, m in models.items()}
log = {k: {"ppl": [], "sec": [], "val": []} for k in models}
E = rnnlab.cap_epochs(100)
for epoch in range(E):
    order = list(models) if epoch % 2 == 0 else list(models)[::-1]
    for k in order:
        t0 = time.perf_counter()
        log[k]["ppl"].append(run_epoch(models[k], opts[k], train_iter))
        log[k]["sec"].append(time.perf_counter() - t0)
    if (epoch + 1) % 5 == 0:
        for k in models:
            log[k]["val"].append((epoch + 1, heldout_ppl(models[k], val_iter)))
fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3))
for k in models:
    a1.plot(range(1, E + 1), log[k]["ppl"], label=k)
    if log[k]["val"]:
        a1.plot(*zip(*log[k]["val"]), "x:", label=f"{k} held-out")
    cum = [sum(log[k]["sec"][:i + 1]) for i in range(E)]
    a2.plot(cum, log[k]["ppl"], label=k)
    print(k, f"train ppl {log[k]['ppl'][-1]:.2f}", f"val {log[k]['val'][-1:]}",
          f"mean epoch {statistics.mean(log[k]['sec']):.2f}s")
a1.set(xlabel="epoch", ylabel="perplexity")
a2.set(xlabel="seconds", ylabel="perplexity")
a1.legend()
a2.legend()
plt.show()
Xb, Yb = next(iter(train_iter))
for k, m in models.items():
    t0 = time.perf_counter()
    out, _ = m(Xb.to(device), m.begin_state(Xb.shape[0], device))
    nn.functional.cross_entropy(out, Yb.T.reshape(-1).to(device)).backward()
    print(k, f"forward+backward {1000 * (time.perf_counter() - t0):.1f} ms")
    m.zero_grad()
