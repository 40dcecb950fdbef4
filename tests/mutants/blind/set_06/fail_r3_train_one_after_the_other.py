# expect: fail
# exercise: 1
# what: trains the GRU for all its epochs and only then the LSTM, instead of side by side (alternating one epoch of each) as the text requires so that both see the same machine load; everything else (SGD lr 1, clip 1, held-out every 5 epochs, untimed) is as asked
# %% cell 6750f7fe
num_hiddens, num_epochs, lr = 256, 100, 1
loss = nn.CrossEntropyLoss()
models, records = {}, {}
E = rnnlab.cap_epochs(num_epochs)
for name, layer in (("GRU", nn.GRU), ("LSTM", nn.LSTM)):
    rnnlab.seed(0)
    net = rnnlab.RNNLM(layer(len(vocab), num_hiddens), len(vocab)).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    rec = {"train": [], "seconds": [], "val_epochs": [], "val": []}
    for epoch in range(1, E + 1):
        t0 = time.perf_counter()
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, opt, device,
                                    use_random_iter=False)
        rec["seconds"].append(time.perf_counter() - t0)
        rec["train"].append(ppl)
        if epoch % 5 == 0 or epoch == E:
            rec["val_epochs"].append(epoch)
            rec["val"].append(rnnlab.evaluate_perplexity(net, val_iter, device))
    models[name], records[name] = net, rec

fig, axes = plt.subplots(1, 2, figsize=(9, 3))
for name, rec in records.items():
    axes[0].plot(range(1, len(rec["train"]) + 1), rec["train"], label=f"{name} training")
    axes[0].plot(rec["val_epochs"], rec["val"], "--", label=f"{name} held-out")
    secs = [sum(rec["seconds"][:i + 1]) for i in range(len(rec["seconds"]))]
    axes[1].plot(secs, rec["train"], label=name)
axes[0].set(xlabel="epoch", ylabel="perplexity", yscale="log")
axes[1].set(xlabel="seconds", ylabel="training perplexity", yscale="log")
axes[0].legend(fontsize=8); axes[1].legend(fontsize=8)
plt.show()
X, Y = next(iter(train_iter))
for name, net in models.items():
    state = net.begin_state(batch_size=X.shape[0], device=device)
    start = time.perf_counter()
    logits, _ = net(X.to(device), state)
    nn.functional.cross_entropy(logits, Y.T.reshape(-1).to(device)).backward()
    if device.type == "cuda":
        torch.cuda.synchronize()
    net.zero_grad()
    print(f"{name}: one forward+backward {1000 * (time.perf_counter() - start):.1f} ms, "
          f"training ppl {records[name]['train'][-1]:.2f}, held-out {records[name]['val'][-1]:.2f}, "
          f"{sum(records[name]['seconds']):.1f} s")
