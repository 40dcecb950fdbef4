# expect: fail
# exercise: 2
# what: gets the validation perplexity with rnnlab.train_epoch(models[h], val_iter, ...) ("it returns the perplexity"), which TRAINS each model one epoch on the validation text and reports the running perplexity while doing so, instead of rnnlab.evaluate_perplexity
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
loss = nn.CrossEntropyLoss()
models, optimizers = {}, {}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    optimizers[h] = torch.optim.SGD(models[h].parameters(), lr)
train_ppl = {h: [] for h in sizes}
speed = {h: [] for h in sizes}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:                       # one epoch of each model in turn
        ppl, tps = rnnlab.train_epoch(models[h], train_iter, loss, optimizers[h], device,
                                      use_random_iter=False)
        train_ppl[h].append(ppl)
        speed[h].append(tps)
# perplexity of each trained model on the validation text
heldout = {}
for h in sizes:
    heldout[h], _ = rnnlab.train_epoch(models[h], val_iter, loss, optimizers[h], device,
                                       use_random_iter=False)
# %% cell 43dadac3
print(f"{'hidden':>6} {'training ppl':>12} {'validation ppl':>14} {'tokens/s':>10}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h][-1]:12.2f} {heldout[h]:14.2f} "
          f"{sum(speed[h]) / len(speed[h]):10,.0f}")
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot(sizes, [heldout[h] for h in sizes], "o-")
ax.set(xlabel="hidden units", ylabel="validation perplexity", xscale="log")
ax.set_xticks(sizes, [str(h) for h in sizes])
plt.show()
