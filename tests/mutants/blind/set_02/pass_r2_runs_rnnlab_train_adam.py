# expect: pass
# exercise: 1
# what: trains both runs with rnnlab.train and an Adam optimizer passed in (lr 0.01, clip 1, val_iter every epoch), plots from the History objects against updates; validation loader with random_offset=False and 8 rows
# %% cell 41a6faa3
corpus, vocab = rnnlab.load_corpus("time_machine", "char")
train_ids, val_ids = train_val_split(corpus, val_fraction=0.1)
val_iter = rnnlab.SeqDataLoader(val_ids, 8, num_steps, random_offset=False)
settings = {"10,000 characters": (train_ids[:10_000], 60),
            "whole book": (train_ids, 4)}
runs = {}
for name, (ids, epochs) in settings.items():
    rnnlab.seed(0)
    model = rnnlab.RNNLM(nn.GRU(len(vocab), 256), len(vocab))
    loader = rnnlab.SeqDataLoader(ids, batch_size, num_steps)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    hist = rnnlab.train(model, loader, vocab, 0.01, epochs, device, optimizer=opt,
                        clip_theta=1.0, prefixes=None, plot=False, val_iter=val_iter,
                        val_every=1)
    runs[name] = {"net": model, "history": hist, "updates_per_epoch": len(loader)}

fig, ax = plt.subplots(figsize=(5, 3))
for i, (name, r) in enumerate(runs.items()):
    h, u = r["history"], r["updates_per_epoch"]
    ax.plot([e * u for e in h.epochs], h.perplexities, f"C{i}-", label=f"{name}, train")
    ax.plot([e * u for e in h.val_epochs], h.val_perplexities, f"C{i}--",
            label=f"{name}, val")
ax.set(xlabel="parameter updates", ylabel="perplexity", yscale="log")
ax.legend(fontsize=8)
plt.show()
print(f"{'run':18} {'train':>7} {'val':>7} {'best val':>9}")
for name, r in runs.items():
    h = r["history"]
    print(f"{name:18} {h.perplexity:7.2f} {h.val_perplexity:7.2f} {h.best_val[1]:9.2f}")
