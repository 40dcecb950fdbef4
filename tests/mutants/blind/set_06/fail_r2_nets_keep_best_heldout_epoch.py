# expect: fail
# exercise: 2
# what: keeps for each model the weights of the epoch with the lowest HELD-OUT perplexity (early stopping chosen on the held-out text the comparison is judged on), so the held-out numbers are selected on it
# %% cell 64f045a7
import copy

num_hiddens, num_epochs, lr = 128, 100, 1
layers = {"full GRU": lambda: nn.GRU(len(vocab), num_hiddens),
          "reset gate only": lambda: GRUResetOnly(len(vocab), num_hiddens),
          "update gate only": lambda: GRUUpdateOnly(len(vocab), num_hiddens)}
nets, curves = {}, {}
loss = nn.CrossEntropyLoss()
for name, make in layers.items():
    rnnlab.seed(0)
    net = rnnlab.RNNLM(make(), len(vocab)).to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr)
    c = {"train": [], "val": [], "val_epochs": []}
    best, best_state = float("inf"), None
    for epoch in range(1, rnnlab.cap_epochs(num_epochs) + 1):
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, optimizer, device, False, 1.0)
        c["train"].append(ppl)
        val = rnnlab.evaluate_perplexity(net, val_iter, device)
        c["val"].append(val)
        c["val_epochs"].append(epoch)
        if val < best:                      # keep the best epoch
            best, best_state = val, copy.deepcopy(net.state_dict())
    net.load_state_dict(best_state)
    nets[name], curves[name] = net, c

fig, ax = plt.subplots(figsize=(5, 3))
for i, (name, c) in enumerate(curves.items()):
    ax.plot(range(1, len(c["train"]) + 1), c["train"], f"C{i}-", label=f"{name}, training")
    ax.plot(c["val_epochs"], c["val"], f"C{i}--", label=f"{name}, held-out")
ax.set(xlabel="epoch", ylabel="perplexity", yscale="log")
ax.legend(fontsize=7)
plt.show()
for name, net in nets.items():
    print(f"{name:18} held-out {rnnlab.evaluate_perplexity(net, val_iter, device):6.2f} | "
          f"{rnnlab.predict('time traveller', 40, net, vocab, device)!r}")
