# expect: fail
# exercise: 2
# what: creates the optimizer inside the model-building loop but keeps only the last one, so every train_epoch steps only the 512-unit model; the others never learn
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
loss = nn.CrossEntropyLoss()
models, heldout, train_ppl, speed = {}, {}, {}, {h: [] for h in sizes}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    optimizer = torch.optim.SGD(models[h].parameters(), lr)
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:
        train_ppl[h], tps = rnnlab.train_epoch(models[h], train_iter, loss, optimizer,
                                               device, use_random_iter=False)
        speed[h].append(tps)
speed = {h: sum(v) / len(v) for h, v in speed.items()}
for h in sizes:
    heldout[h] = rnnlab.evaluate_perplexity(models[h], val_iter)
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'val ppl':>8} {'tokens/s':>9}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:8.2f} {speed[h]:9,.0f}")
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot(sizes, [heldout[h] for h in sizes], "o-", label="validation")
ax.plot(sizes, [train_ppl[h] for h in sizes], "s--", label="training")
ax.set(xscale="log", xlabel="hidden units", ylabel="perplexity")
ax.legend()
plt.show()
