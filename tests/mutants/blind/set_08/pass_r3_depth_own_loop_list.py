# expect: pass
# exercise: 2
# what: own training step (state carried and detached, clip_grad_norm_ 1.0), models kept in a list of tuples then copied into the dicts, validation measured with its own eval()/inference_mode loop after training
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2


def train_one_epoch(net, opt):
    net.train()
    state, tot, cnt = None, 0.0, 0
    for X, Y in train_iter:
        X, y = X.to(device), Y.T.reshape(-1).to(device).long()
        state = net.begin_state(X.shape[0], device) if state is None else state.detach()
        logits, state = net(X, state)
        l = loss(logits, y)
        opt.zero_grad()
        l.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)
        opt.step()
        tot += l.item() * y.numel(); cnt += y.numel()
    return math.exp(tot / cnt)


def val_ppl(net):
    net.eval()
    tot, cnt, state = 0.0, 0, None
    with torch.inference_mode():
        for X, Y in val_iter:
            state = net.begin_state(X.shape[0], device) if state is None else state
            logits, state = net(X.to(device), state)
            y = Y.T.reshape(-1).to(device).long()
            tot += nn.functional.cross_entropy(logits, y, reduction="sum").item()
            cnt += y.numel()
    net.train()
    return math.exp(tot / cnt)


runs = []
for L in depths:
    rnnlab.seed(L)
    gru = nn.GRU(len(vocab), num_hiddens, num_layers=L, dropout=0.0 if L == 1 else dropout)
    net = rnnlab.RNNLM(gru, len(vocab)).to(device)
    runs.append((L, net, torch.optim.Adam(net.parameters(), lr=5e-3), []))
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L, net, opt, log in runs:
        t0 = time.perf_counter()
        ppl = train_one_epoch(net, opt)
        log.append((ppl, time.perf_counter() - t0))
models = {L: net for L, net, _, _ in runs}
heldout = {L: val_ppl(net) for L, net, _, _ in runs}
for L, net, _, log in runs:
    print(f"L={L}: {sum(p.numel() for p in net.parameters()):,} parameters, "
          f"training {log[-1][0]:.2f}, validation {heldout[L]:.2f}, "
          f"{sum(s for _, s in log) / len(log):.2f} s per epoch")
# %% cell 10b3d1e2
fig, ax = plt.subplots()
ax.bar([str(L) for L in depths], [heldout[L] for L in depths])
ax.set_xlabel("GRU layers"); ax.set_ylabel("validation perplexity")
plt.show()
