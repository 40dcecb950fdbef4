# expect: fail
# exercise: 2
# what: trains each model for all its epochs before starting the next one instead of side by side (one epoch of each model in turn)
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
loss = nn.CrossEntropyLoss()
models, heldout, train_ppl, speed = {}, {}, {}, {}
for h in sizes:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr)
    speeds = []
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        ppl, tps = rnnlab.train_epoch(net, train_iter, loss, optimizer, device,
                                      use_random_iter=False)
        speeds.append(tps)
    models[h], train_ppl[h], speed[h] = net, ppl, sum(speeds) / len(speeds)
    heldout[h] = rnnlab.evaluate_perplexity(net, val_iter)
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
