# expect: fail
# exercise: 2
# what: measures heldout[h] at the START of each epoch (before training it), so the stored value belongs to the model before its last epoch, not after training
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
loss = nn.CrossEntropyLoss()
models, optimizers = {}, {}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    optimizers[h] = torch.optim.SGD(models[h].parameters(), lr)
heldout, train_ppl, speed = {}, {}, {}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:
        heldout[h] = rnnlab.evaluate_perplexity(models[h], val_iter)  # keep it current
        train_ppl[h], speed[h] = rnnlab.train_epoch(models[h], train_iter, loss,
                                                    optimizers[h], device, False, 1.0)
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'held-out ppl':>13} {'tokens/s':>10}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:13.2f} {speed[h]:10,.0f}")
plt.figure(figsize=(4, 3))
plt.plot(sizes, [heldout[h] for h in sizes], "o-")
plt.xscale("log", base=2)
plt.xlabel("hidden units"); plt.ylabel("validation perplexity")
plt.show()
