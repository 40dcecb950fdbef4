# expect: pass
# exercise: 2
# what: ONE torch.optim.Adam (lr 0.005) over the parameters of all three models, with one param group per depth: train_epoch's zero_grad sets every gradient to None and Adam skips parameters without a gradient (their moments and step counts stay untouched), so each step updates only the model just backpropagated; bit-identical to one Adam per model (checked on 2 epochs)
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2
rnnlab.seed(0)
models = {L: rnnlab.RNNLM(nn.GRU(len(vocab), num_hiddens, num_layers=L,
                                 dropout=0.0 if L == 1 else dropout), len(vocab)).to(device)
          for L in depths}
adam = torch.optim.Adam([{"params": list(models[L].parameters())} for L in depths],
                        lr=0.005)
# %% cell 10b3d1e2
stats = {L: {"ppl": None, "seconds": 0.0} for L in depths}
epochs = rnnlab.cap_epochs(num_epochs)
for epoch in range(epochs):
    for L in depths:
        tic = time.perf_counter()
        stats[L]["ppl"], _ = rnnlab.train_epoch(models[L], train_iter, loss, adam, device,
                                                use_random_iter=False)
        stats[L]["seconds"] += time.perf_counter() - tic
heldout = {}
for L in depths:
    heldout[L] = rnnlab.evaluate_perplexity(models[L], val_iter, device)
    n = sum(p.numel() for p in models[L].parameters())
    print(f"{L} layers: {n:,} parameters, training {stats[L]['ppl']:.2f}, "
          f"validation {heldout[L]:.2f}, {stats[L]['seconds'] / epochs:.2f} s per epoch")
plt.figure(figsize=(4, 3))
plt.plot(list(depths), [heldout[L] for L in depths], "s-")
plt.xlabel("number of layers")
plt.ylabel("validation perplexity")
plt.show()
