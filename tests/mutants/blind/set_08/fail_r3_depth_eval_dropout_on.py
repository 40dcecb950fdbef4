# expect: fail
# exercise: 2
# what: validation perplexity from a hand-written evaluation loop that never calls net.eval(), so dropout is still active when heldout[L] is measured
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2


def val_perplexity(net):
    total, count, state = 0.0, 0, None
    with torch.no_grad():
        for X, Y in val_iter:
            if state is None:
                state = net.begin_state(X.shape[0], device)
            y = Y.T.reshape(-1).to(device)
            y_hat, state = net(X.to(device), state)
            total += loss(y_hat, y.long()).item() * y.numel()
            count += y.numel()
    return math.exp(total / count)


models, heldout, opts, info = {}, {}, {}, {}
for L in depths:
    rnnlab.seed(0)
    models[L] = rnnlab.RNNLM(nn.GRU(len(vocab), num_hiddens, num_layers=L,
                                    dropout=dropout if L > 1 else 0.0), len(vocab)).to(device)
    opts[L] = torch.optim.Adam(models[L].parameters(), lr=0.005)
    info[L] = {"secs": 0.0}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        models[L].train()
        t0 = time.perf_counter()
        ppl, _ = rnnlab.train_epoch(models[L], train_iter, loss, opts[L], device, False)
        info[L]["secs"] += time.perf_counter() - t0
        info[L]["train"] = ppl
for L in depths:
    heldout[L] = val_perplexity(models[L])
    n = sum(p.numel() for p in models[L].parameters())
    print(f"{L} layers: {n} parameters, training {info[L]['train']:.2f}, "
          f"validation {heldout[L]:.2f}, {info[L]['secs'] / rnnlab.cap_epochs(num_epochs):.2f} s/epoch")
# %% cell 10b3d1e2
plt.plot(list(depths), [heldout[L] for L in depths], "o-")
plt.xlabel("layers"); plt.ylabel("validation perplexity")
plt.show()
