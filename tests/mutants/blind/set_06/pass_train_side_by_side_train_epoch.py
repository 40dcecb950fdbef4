# expect: pass
# exercise: 1
# what: side-by-side loop over a dict of (model, optimizer) pairs with rnnlab.train_epoch; held-out every 5 epochs, untimed; plots and one timed forward/backward per model
# %% cell 6750f7fe
loss = nn.CrossEntropyLoss()
num_hiddens, num_epochs, lr = 256, rnnlab.cap_epochs(100), 1.0
models, optimizers = {}, {}
for name, layer in (("GRU", nn.GRU), ("LSTM", nn.LSTM)):
    rnnlab.seed(0)
    models[name] = rnnlab.RNNLM(layer(len(vocab), num_hiddens), len(vocab)).to(device)
    optimizers[name] = torch.optim.SGD(models[name].parameters(), lr=lr)
train_ppl = {name: [] for name in models}
epoch_secs = {name: [] for name in models}
val_ppl = {name: [] for name in models}
val_epochs = []
for epoch in range(1, num_epochs + 1):
    for name, net in models.items():
        start = time.perf_counter()
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, optimizers[name], device,
                                    use_random_iter=False, clip_theta=1.0)
        epoch_secs[name].append(time.perf_counter() - start)
        train_ppl[name].append(ppl)
    if epoch % 5 == 0 or epoch == num_epochs:
        val_epochs.append(epoch)
        for name, net in models.items():
            val_ppl[name].append(rnnlab.evaluate_perplexity(net, val_iter, device))
for name in models:
    n = sum(p.numel() for p in models[name].rnn.parameters())
    print(f"{name}: {n:,} parameters, training perplexity {train_ppl[name][-1]:.2f}, "
          f"held-out {val_ppl[name][-1]:.2f}, "
          f"{statistics.median(epoch_secs[name]):.2f} s per epoch")

fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
for name in models:
    epochs = range(1, num_epochs + 1)
    axes[0].plot(epochs, train_ppl[name], label=f"{name} training")
    axes[0].plot(val_epochs, val_ppl[name], "o--", label=f"{name} held-out")
    seconds = [sum(epoch_secs[name][:e]) for e in epochs]
    axes[1].plot(seconds, train_ppl[name], label=f"{name} training")
axes[0].set(xlabel="epoch", ylabel="perplexity", yscale="log")
axes[1].set(xlabel="seconds of training", ylabel="perplexity", yscale="log")
axes[0].legend(fontsize=8)
axes[1].legend(fontsize=8)
plt.show()

X, Y = next(iter(train_iter))
X, y = X.to(device), Y.T.reshape(-1).to(device)
for name, net in models.items():
    times = []
    for _ in range(5):
        state = net.begin_state(X.shape[0], device)
        start = time.perf_counter()
        l = loss(net(X, state)[0], y)
        l.backward()
        times.append(time.perf_counter() - start)
    net.zero_grad()
    print(f"{name}: {1000 * statistics.median(times):.1f} ms per forward and backward pass")
