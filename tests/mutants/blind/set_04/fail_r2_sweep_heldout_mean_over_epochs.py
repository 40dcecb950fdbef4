# expect: fail
# exercise: 2
# what: heldout[h] is the mean of the validation perplexities measured after every epoch (whole run), not the validation perplexity after training
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
loss = nn.CrossEntropyLoss()
models, optimizers, val_curves = {}, {}, {h: [] for h in sizes}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    optimizers[h] = torch.optim.SGD(models[h].parameters(), lr)
train_ppl, speed = {}, {h: [] for h in sizes}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:
        ppl, tps = rnnlab.train_epoch(models[h], train_iter, loss, optimizers[h], device,
                                      use_random_iter=False, clip_theta=1.0)
        train_ppl[h] = ppl
        speed[h].append(tps)
        val_curves[h].append(rnnlab.evaluate_perplexity(models[h], val_iter))
# a steadier number than a single evaluation
heldout = {h: sum(v) / len(v) for h, v in val_curves.items()}
speed = {h: sum(s) / len(s) for h, s in speed.items()}
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'held-out ppl':>13} {'tokens/s':>10}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:13.2f} {speed[h]:10,.0f}")
plt.figure(figsize=(4, 3))
plt.plot(sizes, [heldout[h] for h in sizes], "o-")
plt.xscale("log", base=2)
plt.xlabel("hidden units"); plt.ylabel("validation perplexity")
plt.show()
