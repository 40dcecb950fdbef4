# expect: fail
# exercise: 2
# what: "uses all the data": trains on a loader built over the whole 20,000-character corpus (corpus, not train_corpus), so the last 2,000 characters that make up val_iter are trained on before the validation perplexity is measured on them
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2
rnnlab.seed(0)
models, opts = {}, {}
for L in depths:
    gru = nn.GRU(len(vocab), num_hiddens, num_layers=L, dropout=dropout if L > 1 else 0)
    models[L] = rnnlab.RNNLM(gru, len(vocab)).to(device)
    opts[L] = torch.optim.Adam(models[L].parameters(), lr=0.005)
# %% cell 10b3d1e2
full_iter = rnnlab.SeqDataLoader(corpus, batch_size, num_steps)   # all the text we have
heldout, seconds = {}, {L: [] for L in depths}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        tic = time.perf_counter()
        ppl, _ = rnnlab.train_epoch(models[L], full_iter, loss, opts[L], device,
                                    use_random_iter=False)
        seconds[L].append(time.perf_counter() - tic)
for L in depths:
    heldout[L] = rnnlab.evaluate_perplexity(models[L], val_iter, device)
    n = sum(p.numel() for p in models[L].parameters())
    train_ppl = rnnlab.evaluate_perplexity(models[L], train_iter, device)
    print(f"{L} layers: {n:,} parameters, training {train_ppl:.2f}, "
          f"validation {heldout[L]:.2f}, {sum(seconds[L]) / len(seconds[L]):.2f} s/epoch")
plt.figure(figsize=(4, 3))
plt.plot(list(depths), [heldout[L] for L in depths], "o-")
plt.xlabel("layers")
plt.ylabel("validation perplexity")
plt.show()
