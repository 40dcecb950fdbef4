# expect: pass
# exercise: 2
# what: side by side through one-epoch rnnlab.train calls (num_epochs=1, the model's own Adam 0.005 passed in as optimizer= and reused across calls, so its moments carry over; clip 1; no samples, no plot); seconds per epoch from History.seconds; heldout measured after the last epoch with evaluate_perplexity; builder keeps dropout only where there is a layer below another
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2
lr = 0.005


def build_gru_lm(L):
    layer = nn.GRU(len(vocab), num_hiddens, num_layers=L,
                   dropout=dropout if L > 1 else 0.0)
    return rnnlab.RNNLM(layer, len(vocab)).to(device)


rnnlab.seed(0)
models, optimizers = {}, {}
for L in depths:
    models[L] = build_gru_lm(L)
    optimizers[L] = torch.optim.Adam(models[L].parameters(), lr=lr)
# %% cell 10b3d1e2
histories = {L: [] for L in depths}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        h = rnnlab.train(models[L], train_iter, vocab, lr, 1, device=device,
                         use_random_iter=False, optimizer=optimizers[L], clip_theta=1.0,
                         prefixes=None, plot=False, progress=False)
        histories[L].append((h.perplexities[-1], h.seconds))

heldout = {L: rnnlab.evaluate_perplexity(models[L], val_iter, device) for L in depths}
for L in depths:
    n_params = sum(p.numel() for p in models[L].parameters())
    train_ppl = histories[L][-1][0]
    sec = sum(s for _, s in histories[L]) / len(histories[L])
    print(f"{L} layer(s): {n_params:,} parameters, training {train_ppl:.2f}, "
          f"validation {heldout[L]:.2f}, {sec:.2f} s per epoch")
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot(list(depths), [heldout[L] for L in depths], "o-")
ax.set(xlabel="layers", ylabel="validation perplexity", xticks=list(depths))
plt.show()
