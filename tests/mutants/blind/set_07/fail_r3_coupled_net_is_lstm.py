# expect: fail
# exercise: 3
# what: trains both models in a loop over (name, layer class) and afterwards sets coupled_net = net, which is the last model built: the full nn.LSTM, not the coupled one
# %% cell 2dfe27eb
results = {}
for name, layer_cls in (("coupled", CoupledLSTM), ("nn.LSTM", nn.LSTM)):
    rnnlab.seed(0)
    net = rnnlab.RNNLM(layer_cls(len(vocab), num_hiddens), len(vocab)).to(device)
    results[name] = {"net": net, "opt": torch.optim.Adam(net.parameters(), lr=0.005),
                     "train": [], "held": []}
for epoch in range(rnnlab.cap_epochs(30)):
    for name, r in results.items():
        ppl, _ = rnnlab.train_epoch(r["net"], train_iter, loss, r["opt"], device, False)
        r["train"].append(ppl)
        r["held"].append(rnnlab.evaluate_perplexity(r["net"], val_iter, device))
for name, r in results.items():
    n = sum(p.numel() for p in r["net"].parameters())
    print(f"{name}: {n} parameters, training {r['train'][-1]:.2f}, held-out last "
          f"{r['held'][-1]:.2f}, lowest {min(r['held']):.2f}")
coupled_net = net
