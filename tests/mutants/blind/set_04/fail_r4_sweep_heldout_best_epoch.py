# expect: fail
# exercise: 2
# what: measures the validation perplexity after every epoch and stores the LOWEST one in heldout[h] ("the model at its best"), so heldout is a best-of-25 figure chosen on the validation text, not the validation perplexity after training
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
val_curve = {h: [] for h in sizes}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:                       # one epoch of each model in turn
        ppl, tps = rnnlab.train_epoch(models[h], train_iter, loss, optimizers[h], device,
                                      use_random_iter=False)
        train_ppl[h].append(ppl)
        speed[h].append(tps)
        val_curve[h].append(rnnlab.evaluate_perplexity(models[h], val_iter, device))
heldout = {h: min(val_curve[h]) for h in sizes}
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
