# expect: fail
# exercise: 2
# what: calls rnnlab.train_epoch with clip_theta=None, dropping the gradient clipping at norm 1 that the settings fix
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
loss = nn.CrossEntropyLoss()
runs = []
for h in sizes:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    runs.append((h, net, torch.optim.SGD(net.parameters(), lr=lr)))
models = {h: net for h, net, _ in runs}
train_ppl, tokens = {h: None for h in sizes}, {h: [] for h in sizes}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h, net, opt in runs:
        train_ppl[h], tps = rnnlab.train_epoch(net, train_iter, loss, opt, device, False,
                                               clip_theta=None)
        tokens[h].append(tps)
speed = {h: sum(v) / len(v) for h, v in tokens.items()}
heldout = {h: rnnlab.evaluate_perplexity(net, val_iter, device) for h, net, _ in runs}
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
