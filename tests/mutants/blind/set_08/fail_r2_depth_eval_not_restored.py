# expect: fail
# exercise: 2
# what: own validation after every epoch calls net.eval() but never net.train(): from the second epoch on the models train with dropout switched off
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2

def build(L):
    rnnlab.seed(0)
    layer = nn.GRU(len(vocab), num_hiddens, num_layers=L, dropout=dropout if L > 1 else 0.0)
    return rnnlab.RNNLM(layer, len(vocab)).to(device)

models = {L: build(L) for L in depths}
optimizers = {L: torch.optim.Adam(models[L].parameters(), lr=0.005) for L in depths}
# %% cell 10b3d1e2
def validate(net):
    net.eval()  # no dropout while validating
    state, total, count = None, 0.0, 0
    with torch.no_grad():
        for X, Y in val_iter:
            state = net.begin_state(X.shape[0], device) if state is None else state
            logits, state = net(X.to(device), state)
            y = Y.T.reshape(-1).to(device).long()
            total += nn.functional.cross_entropy(logits, y, reduction="sum").item()
            count += y.numel()
    return math.exp(total / count)

heldout = {}
train_ppl = {L: None for L in depths}
seconds = {L: [] for L in depths}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        t0 = time.time()
        train_ppl[L], _ = rnnlab.train_epoch(models[L], train_iter, loss, optimizers[L],
                                             device, use_random_iter=False, clip_theta=1)
        seconds[L].append(time.time() - t0)
        heldout[L] = validate(models[L])
for L in depths:
    n = sum(p.numel() for p in models[L].parameters())
    print(f"{L} layer(s): {n:,} parameters, training {train_ppl[L]:.2f}, "
          f"validation {heldout[L]:.2f}, {sum(seconds[L]) / len(seconds[L]):.2f} s per epoch")
plt.bar([str(L) for L in depths], [heldout[L] for L in depths])
plt.xlabel("layers"); plt.ylabel("validation perplexity"); plt.show()
