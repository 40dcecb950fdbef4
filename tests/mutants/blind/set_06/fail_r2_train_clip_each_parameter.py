# expect: fail
# exercise: 1
# what: own loop that clips every parameter's gradient to norm 1 separately (clip_grad_norm_ per tensor) instead of the global gradient norm at 1
# %% cell 6750f7fe
num_hiddens, num_epochs, lr = 256, 100, 1
models = {}
for name, layer_cls in [("GRU", nn.GRU), ("LSTM", nn.LSTM)]:
    rnnlab.seed(0)
    models[name] = rnnlab.RNNLM(layer_cls(len(vocab), num_hiddens), len(vocab)).to(device)
record = {name: {"ppl": [], "sec": [], "val": [], "val_epochs": []} for name in models}
optimizers = {name: torch.optim.SGD(net.parameters(), lr) for name, net in models.items()}


def detach(state):
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def one_epoch(net, optimizer):
    state, total, count = None, 0.0, 0
    for X, Y in train_iter:
        if state is None:
            state = net.begin_state(X.shape[0], device)
        else:
            state = detach(state)
        logits, state = net(X.to(device), state)
        y = Y.T.reshape(-1).to(device)
        l = nn.functional.cross_entropy(logits, y)
        optimizer.zero_grad()
        l.backward()
        for p in net.parameters():          # clip at norm 1
            torch.nn.utils.clip_grad_norm_([p], 1.0)
        optimizer.step()
        total, count = total + l.item() * y.numel(), count + y.numel()
    return float(torch.tensor(total / count).exp())


for epoch in range(1, rnnlab.cap_epochs(num_epochs) + 1):
    for name, net in models.items():
        t0 = time.perf_counter()
        record[name]["ppl"].append(one_epoch(net, optimizers[name]))
        record[name]["sec"].append(time.perf_counter() - t0)
        if epoch % 5 == 0:
            record[name]["val_epochs"].append(epoch)
            record[name]["val"].append(rnnlab.evaluate_perplexity(net, val_iter))

# one forward and backward pass of each, timed
X, Y = next(iter(train_iter))
for name, net in models.items():
    state = net.begin_state(X.shape[0], device)
    t0 = time.perf_counter()
    logits, _ = net(X.to(device), state)
    nn.functional.cross_entropy(logits, Y.T.reshape(-1).to(device)).backward()
    step_time = time.perf_counter() - t0
    net.zero_grad()
    print(f"{name}: one forward+backward {1000 * step_time:.1f} ms")
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3))
for i, (name, r) in enumerate(record.items()):
    epochs = range(1, len(r["ppl"]) + 1)
    ax1.plot(epochs, r["ppl"], f"C{i}-", label=f"{name} training")
    ax1.plot(r["val_epochs"], r["val"], f"C{i}--", label=f"{name} held-out")
    seconds = [sum(r["sec"][:e]) for e in epochs]
    ax2.plot(seconds, r["ppl"], f"C{i}-", label=name)
ax1.set(xlabel="epoch", ylabel="perplexity", yscale="log"); ax1.legend(fontsize=8)
ax2.set(xlabel="seconds", ylabel="training perplexity", yscale="log"); ax2.legend(fontsize=8)
plt.show()
for name, r in record.items():
    print(f"{name}: training {r['ppl'][-1]:.2f}, held-out {r['val'][-1]:.2f}, "
          f"{statistics.median(r['sec']):.2f} s per epoch")
