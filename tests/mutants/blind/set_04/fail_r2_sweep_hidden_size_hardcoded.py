# expect: fail
# exercise: 2
# what: copy-paste slip: every model is built with nn.RNN(len(vocab), 256) whatever h, so models[64] ... models[512] all have 256 hidden units
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
loss = nn.CrossEntropyLoss()
models, optimizers = {}, {}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
    optimizers[h] = torch.optim.SGD(models[h].parameters(), lr)
train_ppl, speed = {}, {}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:
        train_ppl[h], speed[h] = rnnlab.train_epoch(models[h], train_iter, loss,
                                                    optimizers[h], device, False)
heldout = {h: rnnlab.evaluate_perplexity(models[h], val_iter) for h in sizes}
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'held-out ppl':>13} {'tokens/s':>10}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:13.2f} {speed[h]:10,.0f}")
plt.figure(figsize=(4, 3))
plt.plot(sizes, [heldout[h] for h in sizes], "o-")
plt.xscale("log", base=2)
plt.xlabel("hidden units"); plt.ylabel("validation perplexity")
plt.show()
