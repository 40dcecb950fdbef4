# expect: fail
# exercise: 2
# what: measures 'heldout' with evaluate_perplexity on train_iter (the training text) instead of val_iter
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
loss = nn.CrossEntropyLoss()
models, optimizers = {}, {}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    optimizers[h] = torch.optim.SGD(models[h].parameters(), lr)
train_ppl, speed = {}, {h: [] for h in sizes}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:
        train_ppl[h], tps = rnnlab.train_epoch(models[h], train_iter, loss, optimizers[h],
                                               device, use_random_iter=False)
        speed[h].append(tps)
speed = {h: sum(v) / len(v) for h, v in speed.items()}
heldout = {h: rnnlab.evaluate_perplexity(models[h], train_iter) for h in sizes}
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
