# expect: fail
# exercise: 2
# what: the loop measures the validation perplexity at the top of each epoch (to also get the untrained value) and trains afterwards, so heldout[L] is the figure after 9 epochs while models[L] has trained 10: the stored number was not measured on the stored model
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2
rnnlab.seed(0)
models, opts = {}, {}
for L in depths:
    gru = nn.GRU(len(vocab), num_hiddens, num_layers=L, dropout=dropout if L > 1 else 0)
    models[L] = rnnlab.RNNLM(gru, len(vocab)).to(device)
    opts[L] = torch.optim.Adam(models[L].parameters(), lr=0.005)
# %% cell 10b3d1e2
heldout, train_ppl, secs = {}, {}, {L: 0.0 for L in depths}
epochs = rnnlab.cap_epochs(num_epochs)
for epoch in range(epochs):
    for L in depths:
        heldout[L] = rnnlab.evaluate_perplexity(models[L], val_iter, device)
        tic = time.perf_counter()
        train_ppl[L], _ = rnnlab.train_epoch(models[L], train_iter, loss, opts[L], device,
                                             use_random_iter=False)
        secs[L] += time.perf_counter() - tic
for L in depths:
    n = sum(p.numel() for p in models[L].parameters())
    print(f"{L} layers: {n:,} parameters, training {train_ppl[L]:.2f}, "
          f"validation {heldout[L]:.2f}, {secs[L] / epochs:.2f} s/epoch")
plt.figure(figsize=(4, 3))
plt.plot(list(depths), [heldout[L] for L in depths], "o-")
plt.xlabel("layers")
plt.ylabel("validation perplexity")
plt.show()
