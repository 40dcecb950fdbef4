# expect: fail
# exercise: 2
# what: the side-by-side loop trains the leftover variable `net` (the 3-layer model) three times per epoch; models[1] and models[2] stay untrained yet get a validation perplexity
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2
models, heldout, opts, log = {}, {}, {}, {}
for L in depths:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(vocab), num_hiddens, num_layers=L,
                              dropout=dropout if L > 1 else 0.0), len(vocab)).to(device)
    models[L] = net
    opts[L] = torch.optim.Adam(net.parameters(), lr=0.005)
    log[L] = []
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        t0 = time.perf_counter()
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, opts[L], device, False)
        log[L].append((ppl, time.perf_counter() - t0))
for L in depths:
    heldout[L] = rnnlab.evaluate_perplexity(models[L], val_iter, device)
    n = sum(p.numel() for p in models[L].parameters())
    print(f"{L} layers: {n} parameters, training {log[L][-1][0]:.2f}, validation "
          f"{heldout[L]:.2f}, {sum(s for _, s in log[L]) / len(log[L]):.2f} s/epoch")
# %% cell 10b3d1e2
plt.plot(list(depths), [heldout[L] for L in depths], "o-")
plt.xlabel("layers"); plt.ylabel("validation perplexity")
plt.show()
