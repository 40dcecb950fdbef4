# expect: fail
# exercise: 2
# what: the variants are built with 256 hidden units, where exercise 2 fixes 128
# %% cell 64f045a7
loss = nn.CrossEntropyLoss()
builders = [("reset gate only", lambda: GRUResetOnly(len(vocab), 256)),
            ("update gate only", lambda: GRUUpdateOnly(len(vocab), 256)),
            ("full GRU", lambda: nn.GRU(len(vocab), 256))]
nets, opts, curves = {}, {}, {}
for name, build in builders:
    rnnlab.seed(1)
    nets[name] = rnnlab.RNNLM(build(), len(vocab)).to(device)
    opts[name] = torch.optim.SGD(nets[name].parameters(), lr=1.0)
    curves[name] = ([], [])
for epoch in range(rnnlab.cap_epochs(100)):
    for name, net in nets.items():
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, opts[name], device, False, 1.0)
        curves[name][0].append(ppl)
        curves[name][1].append(rnnlab.evaluate_perplexity(net, val_iter, device))
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5), sharey=True)
for name, (tr, va) in curves.items():
    axes[0].plot(tr, label=name)
    axes[1].plot(va, label=name)
axes[0].set(title="training", xlabel="epoch", ylabel="perplexity")
axes[1].set(title="held-out", xlabel="epoch")
axes[1].legend()
plt.show()
for name, (tr, va) in curves.items():
    print(f"{name:>16}: training {tr[-1]:.2f}, held-out {va[-1]:.2f} (lowest {min(va):.2f}) | "
          + rnnlab.predict("the time machine", 40, nets[name], vocab, device))
