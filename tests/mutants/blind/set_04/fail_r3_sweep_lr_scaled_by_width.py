# expect: fail
# exercise: 2
# what: scales the learning rate with the width (lr * 64 / h: 1, 0.5, 0.25, 0.125) although the settings fix SGD with learning rate 1 for every model, so the larger models are under-trained and the sweep is confounded
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
models, optimizers, train_ppl, speed, heldout = {}, {}, {}, {}, {}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    # wider layers get a proportionally smaller step ("muP-style" fairness)
    optimizers[h] = torch.optim.SGD(models[h].parameters(), lr * 64 / h)
loss = nn.CrossEntropyLoss()
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:
        train_ppl[h], speed[h] = rnnlab.train_epoch(models[h], train_iter, loss,
                                                    optimizers[h], device,
                                                    use_random_iter=False)
for h in sizes:
    heldout[h] = rnnlab.evaluate_perplexity(models[h], val_iter, device)
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'held-out ppl':>13} {'tokens/s':>10}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:13.2f} {speed[h]:10,.0f}")
plt.plot(sizes, [heldout[h] for h in sizes], "o-")
plt.xscale("log", base=2); plt.xlabel("hidden units"); plt.ylabel("validation perplexity")
plt.show()
