# expect: fail
# exercise: 2
# what: trains without gradient clipping (clip_theta=None), where the settings fix clipping at norm 1
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2

def build(L):
    rnnlab.seed(0)
    layer = nn.GRU(len(vocab), num_hiddens, num_layers=L, dropout=dropout if L > 1 else 0.0)
    return rnnlab.RNNLM(layer, len(vocab)).to(device)

models = {L: build(L) for L in depths}
optimizers = {L: torch.optim.Adam(models[L].parameters(), lr=0.005) for L in depths}
# %% cell 10b3d1e2
train_ppl = {L: None for L in depths}
seconds = {L: [] for L in depths}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        t0 = time.time()
        train_ppl[L], _ = rnnlab.train_epoch(models[L], train_iter, loss, optimizers[L],
                                             device, use_random_iter=False, clip_theta=None)
        seconds[L].append(time.time() - t0)
heldout = {L: rnnlab.evaluate_perplexity(models[L], val_iter, device) for L in depths}
for L in depths:
    n = sum(p.numel() for p in models[L].parameters())
    print(f"{L} layer(s): {n:,} parameters, training {train_ppl[L]:.2f}, "
          f"validation {heldout[L]:.2f}, {sum(seconds[L]) / len(seconds[L]):.2f} s per epoch")
plt.bar([str(L) for L in depths], [heldout[L] for L in depths])
plt.xlabel("layers"); plt.ylabel("validation perplexity"); plt.show()
