# expect: pass
# exercise: 2
# what: one rnnlab.train call per model (SGD lr 1, clipping 1, 100 epochs, held-out curve via val_iter), one after the other, curves plotted from the returned History objects
# %% cell 64f045a7
nets, histories = {}, {}
variants = {"reset gate only": GRUResetOnly, "update gate only": GRUUpdateOnly,
            "full GRU": nn.GRU}
for name, layer in variants.items():
    rnnlab.seed(0)
    net = rnnlab.RNNLM(layer(len(vocab), 128), len(vocab))
    print(f"--- {name}")
    histories[name] = rnnlab.train(net, train_iter, vocab, lr=1, num_epochs=100,
                                   device=device, val_iter=val_iter, plot=False,
                                   progress=False)
    nets[name] = net
fig, ax = plt.subplots(figsize=(6, 3.5))
for name, hist in histories.items():
    line, = ax.plot(hist.epochs, hist.perplexities, label=f"{name} (training)")
    ax.plot(hist.val_epochs, hist.val_perplexities, "--", color=line.get_color(),
            label=f"{name} (held-out)")
ax.set(xlabel="epoch", ylabel="perplexity", yscale="log")
ax.legend(fontsize=7)
plt.show()
for name, hist in histories.items():
    print(f"{name:>16}: {hist.summary()}")
    print("   ", rnnlab.predict("time traveller", 50, nets[name], vocab, device))
