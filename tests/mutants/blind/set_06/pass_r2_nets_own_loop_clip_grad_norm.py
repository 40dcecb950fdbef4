# expect: pass
# exercise: 2
# what: own training loop per model (carry and detach the state, torch.nn.utils.clip_grad_norm_ at 1 over all parameters, SGD lr 1, 100 epochs via cap_epochs), one model after the other, held-out every 10 epochs
# %% cell 64f045a7
num_hiddens, num_epochs, lr = 128, 100, 1


def train_model(net):
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    c = {"train": [], "val": [], "val_epochs": []}
    n_epochs = rnnlab.cap_epochs(num_epochs)
    for epoch in range(1, n_epochs + 1):
        state, nll, count = None, 0.0, 0
        for X, Y in train_iter:
            X, y = X.to(device), Y.T.reshape(-1).to(device)
            state = (net.begin_state(X.shape[0], device) if state is None
                     else state.detach())
            logits, state = net(X, state)
            l = nn.functional.cross_entropy(logits, y)
            opt.zero_grad()
            l.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)
            opt.step()
            nll, count = nll + l.item() * y.numel(), count + y.numel()
        c["train"].append(float(torch.tensor(nll / count).exp()))
        if epoch % 10 == 0 or epoch == n_epochs:
            c["val_epochs"].append(epoch)
            c["val"].append(rnnlab.evaluate_perplexity(net, val_iter, device))
    return c


nets, curves = {}, {}
for name, make in [("full GRU", lambda: nn.GRU(len(vocab), num_hiddens)),
                   ("reset gate only", lambda: GRUResetOnly(len(vocab), num_hiddens)),
                   ("update gate only", lambda: GRUUpdateOnly(len(vocab), num_hiddens))]:
    rnnlab.seed(0)
    nets[name] = rnnlab.RNNLM(make(), len(vocab)).to(device)
    curves[name] = train_model(nets[name])

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
