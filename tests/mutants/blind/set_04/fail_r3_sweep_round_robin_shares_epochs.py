# expect: fail
# exercise: 2
# what: reads 'one epoch of each model in turn' as a round robin over ONE budget of 25 epochs (epoch e trains model e % 4), so each model gets only about 6 epochs instead of 25 each
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
models, optimizers, train_ppl, speed, heldout = {}, {}, {}, {}, {}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    optimizers[h] = torch.optim.SGD(models[h].parameters(), lr)
loss = nn.CrossEntropyLoss()
# one epoch of each model in turn: epoch e goes to model e % 4
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    h = sizes[epoch % len(sizes)]
    train_ppl[h], speed[h] = rnnlab.train_epoch(models[h], train_iter, loss, optimizers[h],
                                                device, use_random_iter=False)
for h in sizes:
    train_ppl.setdefault(h, float("nan"))
    speed.setdefault(h, float("nan"))
    heldout[h] = rnnlab.evaluate_perplexity(models[h], val_iter, device)
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'held-out ppl':>13} {'tokens/s':>10}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:13.2f} {speed[h]:10,.0f}")
plt.plot(sizes, [heldout[h] for h in sizes], "o-")
plt.xscale("log", base=2); plt.xlabel("hidden units"); plt.ylabel("validation perplexity")
plt.show()
