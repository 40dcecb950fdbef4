# expect: pass
# exercise: 2
# what: walks itertools.product(epochs, sizes) (epoch-major, so one epoch of each model in turn) with the nets and SGD optimizers in lists indexed by position; also logs a per-epoch validation curve for the plot, while heldout[h] is measured once after the loop
# %% cell 4b0709f7
import itertools

sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
criterion = nn.CrossEntropyLoss()
nets, opts = [], []
for h in sizes:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    nets.append(net)
    opts.append(torch.optim.SGD(net.parameters(), lr=lr, momentum=0.0))
log = {h: {"train": [], "tps": [], "val": []} for h in sizes}
for epoch, (i, h) in itertools.product(range(rnnlab.cap_epochs(num_epochs)),
                                       enumerate(sizes)):
    ppl, tps = rnnlab.train_epoch(nets[i], train_iter, criterion, opts[i], device,
                                  use_random_iter=False, clip_theta=1.0)
    log[h]["train"].append(ppl)
    log[h]["tps"].append(tps)
    log[h]["val"].append(rnnlab.evaluate_perplexity(nets[i], val_iter, device))
models = dict(zip(sizes, nets))
heldout = {h: rnnlab.evaluate_perplexity(models[h], val_iter, device) for h in sizes}
# %% cell 43dadac3
print(f"{'hidden':>6} {'training ppl':>12} {'validation ppl':>14} {'tokens/s':>10} "
      f"{'s/epoch':>8}")
for h in sizes:
    tps = sum(log[h]["tps"]) / len(log[h]["tps"])
    n_tokens = len(train_iter) * batch_size * num_steps
    print(f"{h:6d} {log[h]['train'][-1]:12.2f} {heldout[h]:14.2f} {tps:10,.0f} "
          f"{n_tokens / tps:8.2f}")
fig, axes = plt.subplots(1, 2, figsize=(9, 3))
axes[0].plot(sizes, [heldout[h] for h in sizes], "o-")
axes[0].set(xlabel="hidden units", ylabel="validation perplexity", xscale="log")
for h in sizes:
    axes[1].plot(range(1, len(log[h]["val"]) + 1), log[h]["val"], label=f"{h}")
axes[1].set(xlabel="epoch", ylabel="validation perplexity", yscale="log")
axes[1].legend(fontsize=8)
plt.show()
