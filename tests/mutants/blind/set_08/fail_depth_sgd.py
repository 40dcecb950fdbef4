# expect: fail
# exercise: 2
# what: uses SGD with learning rate 0.005 instead of Adam at 0.005
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2
models, optimizers = {}, {}
for L in depths:
    rnnlab.seed(0)
    layer = nn.GRU(len(vocab), num_hiddens, num_layers=L, dropout=dropout if L > 1 else 0.0)
    models[L] = rnnlab.RNNLM(layer, len(vocab)).to(device)
    optimizers[L] = torch.optim.SGD(models[L].parameters(), lr=0.005)
# %% cell 10b3d1e2
train_ppl, seconds, heldout = {L: None for L in depths}, {L: 0.0 for L in depths}, {}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        start = time.perf_counter()
        train_ppl[L], _ = rnnlab.train_epoch(models[L], train_iter, loss, optimizers[L], device,
                                             use_random_iter=False, clip_theta=1.0)
        seconds[L] += time.perf_counter() - start
n_epochs = rnnlab.cap_epochs(num_epochs)
for L in depths:
    heldout[L] = rnnlab.evaluate_perplexity(models[L], val_iter, device)
    n = sum(p.numel() for p in models[L].parameters())
    print(f"{L} layer(s): {n:,} parameters, training {train_ppl[L]:.2f}, "
          f"validation {heldout[L]:.2f}, {seconds[L] / n_epochs:.2f} s per epoch")
plt.figure(figsize=(4, 3))
plt.plot(list(depths), [heldout[L] for L in depths], "o-")
plt.xlabel("layers")
plt.ylabel("validation perplexity")
plt.xticks(list(depths))
plt.show()
