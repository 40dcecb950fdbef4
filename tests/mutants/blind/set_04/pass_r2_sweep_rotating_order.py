# expect: pass
# exercise: 2
# what: one record dict per size (net, optimizer, stats); side by side with the order of the models rotated every epoch so no size always runs first; held-out measured once after the loop
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
criterion = nn.CrossEntropyLoss()
runs = []
for h in sizes:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    runs.append({"h": h, "net": net, "opt": torch.optim.SGD(net.parameters(), lr=lr),
                 "ppl": [], "tps": []})
n_ep = rnnlab.cap_epochs(num_epochs)
for epoch in range(n_ep):
    k = epoch % len(runs)
    for run in runs[k:] + runs[:k]:            # rotate who goes first
        ppl, tps = rnnlab.train_epoch(run["net"], train_iter, criterion, run["opt"],
                                      device, use_random_iter=False, clip_theta=1)
        run["ppl"].append(ppl)
        run["tps"].append(tps)
models = {run["h"]: run["net"] for run in runs}
heldout = {run["h"]: rnnlab.evaluate_perplexity(run["net"], val_iter, device)
           for run in runs}
train_ppl = {run["h"]: run["ppl"][-1] for run in runs}
speed = {run["h"]: sum(run["tps"]) / len(run["tps"]) for run in runs}
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'held-out ppl':>13} {'tokens/s':>10}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:13.2f} {speed[h]:10,.0f}")
plt.figure(figsize=(4, 3))
plt.plot(sizes, [heldout[h] for h in sizes], "o-")
plt.xscale("log", base=2)
plt.xlabel("hidden units"); plt.ylabel("validation perplexity")
plt.show()
