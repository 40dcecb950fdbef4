# expect: fail
# exercise: 2
# what: reuses exercise 1's trained 256-unit GRU (models["GRU"]) as the full GRU of the gate study instead of training a 128-unit nn.GRU with the same budget as the variants; the two variants are trained as asked
# %% cell 64f045a7
num_hiddens, lr, num_epochs = 128, 1.0, rnnlab.cap_epochs(100)
loss = nn.CrossEntropyLoss()
nets, curves = {}, {}
for name, layer in [("reset gate only", GRUResetOnly), ("update gate only", GRUUpdateOnly)]:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(layer(len(vocab), num_hiddens), len(vocab)).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    train_ppl, val_ppl = [], []
    for epoch in range(num_epochs):
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, opt, device, False)
        train_ppl.append(ppl)
        val_ppl.append(rnnlab.evaluate_perplexity(net, val_iter, device))
    nets[name], curves[name] = net, (train_ppl, val_ppl)
# the full GRU was already trained in exercise 1: no need to train it again
nets["full GRU"] = models["GRU"]

fig, ax = plt.subplots(figsize=(5, 3))
for name, (tr, va) in curves.items():
    ax.plot(range(1, len(tr) + 1), tr, label=f"{name} train")
    ax.plot(range(1, len(va) + 1), va, "--", label=f"{name} held-out")
ax.set(xlabel="epoch", ylabel="perplexity")
ax.legend(fontsize=7)
plt.show()
for name, net in nets.items():
    print(f"{name:>16}: held-out {rnnlab.evaluate_perplexity(net, val_iter, device):.2f}  "
          f"{rnnlab.predict('time traveller', 40, net, vocab, device)}")
