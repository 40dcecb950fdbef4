# expect: fail
# exercise: 3
# what: trains both models side by side as asked (Adam 0.005, 30 epochs, held-out after every epoch) but keeps as coupled_net a deepcopy of the coupled model from the epoch with the LOWEST held-out perplexity: the stored model is chosen on val_iter, the text it is then measured on, instead of being the trained model
# %% cell 2dfe27eb
runs = {}
for name, layer_cls in [("coupled", CoupledLSTM), ("nn.LSTM", nn.LSTM)]:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(layer_cls(len(vocab), num_hiddens), len(vocab)).to(device)
    runs[name] = {"net": net, "opt": torch.optim.Adam(net.parameters(), lr=0.005),
                  "train": [], "val": [], "best": (math.inf, None)}
for epoch in range(rnnlab.cap_epochs(30)):
    for name, run in runs.items():
        ppl, _ = rnnlab.train_epoch(run["net"], train_iter, loss, run["opt"], device, False)
        val = rnnlab.evaluate_perplexity(run["net"], val_iter, device)
        run["train"].append(ppl)
        run["val"].append(val)
        if val < run["best"][0]:
            run["best"] = (val, copy.deepcopy(run["net"]))
coupled_net = runs["coupled"]["best"][1]          # the best checkpoint

for name, run in runs.items():
    n = sum(p.numel() for p in run["net"].parameters())
    print(f"{name:>8}: {n:,} parameters, training {run['train'][-1]:.2f}, held-out last "
          f"{run['val'][-1]:.2f}, lowest {min(run['val']):.2f}")
fig, ax = plt.subplots(figsize=(5, 3))
for name, run in runs.items():
    ax.plot(run["train"], label=f"{name} training")
    ax.plot(run["val"], "--", label=f"{name} held-out")
ax.set(xlabel="epoch", ylabel="perplexity")
ax.legend(fontsize=7)
plt.show()
