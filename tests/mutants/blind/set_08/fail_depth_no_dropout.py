# expect: fail
# exercise: 2
# what: builds every GRU with dropout 0 (the dropout variable is never used), where the text asks for dropout 0.2 between layers
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2


def make_gru_lm(L):
    gru = nn.GRU(len(vocab), num_hiddens, num_layers=L, dropout=0.0)
    return rnnlab.RNNLM(gru, len(vocab)).to(device)


rnnlab.seed(0)
models = {L: make_gru_lm(L) for L in depths}
# %% cell 10b3d1e2
@torch.no_grad()
def validation_perplexity(net):
    net.eval()
    state, nll, count = None, 0.0, 0
    for X, Y in val_iter:
        X, y = X.to(device), Y.T.reshape(-1).to(device)
        state = net.begin_state(X.shape[0], device) if state is None else state
        logits, state = net(X, state)
        nll += nn.functional.cross_entropy(logits, y, reduction="sum").item()
        count += y.numel()
    net.train()
    return math.exp(nll / count)


opts = {L: torch.optim.Adam(models[L].parameters(), lr=5e-3) for L in depths}
log = {L: {"train": [], "sec": []} for L in depths}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        t0 = time.perf_counter()
        ppl, _ = rnnlab.train_epoch(models[L], train_iter, loss, opts[L], device, False)
        log[L]["sec"].append(time.perf_counter() - t0)
        log[L]["train"].append(ppl)
heldout = {L: validation_perplexity(models[L]) for L in depths}
for L in depths:
    print(f"L={L}: params {sum(p.numel() for p in models[L].parameters()):,} | "
          f"train ppl {log[L]['train'][-1]:.2f} | val ppl {heldout[L]:.2f} | "
          f"{sum(log[L]['sec']) / len(log[L]['sec']):.2f} s/epoch")
plt.bar([str(L) for L in depths], [heldout[L] for L in depths])
plt.xlabel("number of GRU layers")
plt.ylabel("validation perplexity")
plt.show()
