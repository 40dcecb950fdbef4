# expect: fail
# exercise: 3
# what: keeps the wrong run: coupled_net is the trained nn.LSTM model, not the CoupledLSTM one
# %% cell 2dfe27eb
contenders = {"coupled": CoupledLSTM, "nn.LSTM": nn.LSTM}
runs = {}
for name, layer in contenders.items():
    rnnlab.seed(0)
    net = rnnlab.RNNLM(layer(len(vocab), num_hiddens), len(vocab)).to(device)
    runs[name] = {"net": net, "opt": torch.optim.Adam(net.parameters(), lr=0.005),
                  "train": [], "val": []}
for epoch in range(rnnlab.cap_epochs(30)):
    for name, run in runs.items():
        ppl, _ = rnnlab.train_epoch(run["net"], train_iter, loss, run["opt"], device, False)
        run["train"].append(ppl)
        run["val"].append(rnnlab.evaluate_perplexity(run["net"], val_iter, device))
coupled_net = runs["nn.LSTM"]["net"]
for name, run in runs.items():
    n = sum(p.numel() for p in run["net"].rnn.parameters())
    print(f"{name:>8}: {n:,} recurrent parameters, training {run['train'][-1]:.2f}, "
          f"held-out last {run['val'][-1]:.2f}, lowest {min(run['val']):.2f}")
    plt.plot(run["val"], label=f"{name} held-out")
    plt.plot(run["train"], ":", label=f"{name} training")
plt.xlabel("epoch")
plt.ylabel("perplexity")
plt.legend()
plt.show()
