# expect: pass
# exercise: 1
# what: ONE torch.optim.SGD (lr 1) over the parameters of both models: plain SGD keeps no state and train_epoch's zero_grad sets every gradient to None, so each step moves only the model just backpropagated (clipping is per model inside train_epoch); side by side, LSTM first in even epochs; held-out every 5 epochs outside the timing; records in lists of dicts
# %% cell 6750f7fe
num_hiddens, lr, num_epochs = 256, 1.0, rnnlab.cap_epochs(100)
loss = nn.CrossEntropyLoss()
rnnlab.seed(0)
models = {"GRU": rnnlab.RNNLM(nn.GRU(len(vocab), num_hiddens), len(vocab)).to(device),
          "LSTM": rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)}
# one optimizer for both: SGD has no momentum buffers, and a parameter whose grad is
# None (zero_grad(set_to_none=True)) is skipped, so the two models never interact
shared_sgd = torch.optim.SGD([p for net in models.values() for p in net.parameters()],
                            lr=lr)
log = {name: [] for name in models}
for epoch in range(1, num_epochs + 1):
    order = list(models) if epoch % 2 else list(models)[::-1]
    for name in order:
        net = models[name]
        tic = time.perf_counter()
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, shared_sgd, device,
                                    use_random_iter=False, clip_theta=1.0)
        seconds = time.perf_counter() - tic
        row = {"epoch": epoch, "ppl": ppl, "seconds": seconds, "val": None}
        if epoch % 5 == 0:                      # not timed
            row["val"] = rnnlab.evaluate_perplexity(net, val_iter, device)
        log[name].append(row)

fig, axes = plt.subplots(1, 2, figsize=(9, 3))
for name, rows in log.items():
    elapsed = [sum(r["seconds"] for r in rows[:i + 1]) for i in range(len(rows))]
    axes[0].plot([r["epoch"] for r in rows], [r["ppl"] for r in rows], label=f"{name} train")
    axes[0].plot([r["epoch"] for r in rows if r["val"]], [r["val"] for r in rows if r["val"]],
                 "--", label=f"{name} held-out")
    axes[1].plot(elapsed, [r["ppl"] for r in rows], label=name)
axes[0].set(xlabel="epoch", ylabel="perplexity")
axes[1].set(xlabel="seconds", ylabel="training perplexity")
axes[0].legend(fontsize=7)
axes[1].legend(fontsize=7)
plt.show()

X, Y = next(iter(train_iter))
for name, net in models.items():
    state = net.begin_state(X.shape[0], device)
    tic = time.perf_counter()
    y_hat, _ = net(X.to(device), state)
    loss(y_hat, Y.T.reshape(-1).to(device).long()).backward()
    step_ms = 1000 * (time.perf_counter() - tic)
    shared_sgd.zero_grad()
    last = log[name][-1]
    print(f"{name}: training {last['ppl']:.2f}, held-out {last['val']}, "
          f"{sum(r['seconds'] for r in log[name]):.1f} s in all, one step {step_ms:.1f} ms")
