# expect: pass
# exercise: 1
# what: a small helper run(name, ids, epochs) builds and trains each model; validation batches of 4 rows; eval every epoch; plots both curves against updates
# %% cell 41a6faa3
corpus, vocab = rnnlab.load_corpus("time_machine", "char")
train_ids, val_ids = train_val_split(corpus)
val_iter = rnnlab.SeqDataLoader(val_ids, 4, num_steps, random_offset=False)


def run(ids, epochs, hidden=256):
    rnnlab.seed(0)
    model = rnnlab.RNNLM(nn.GRU(len(vocab), hidden), len(vocab))
    it = rnnlab.SeqDataLoader(ids, batch_size, num_steps)
    rec = train_with_validation(model, it, val_iter, epochs)
    rec["net"] = model
    return rec


runs = {"first 10,000": run(train_ids[:10000], 60), "whole book": run(train_ids, 4)}
fig, ax = plt.subplots(figsize=(5, 3))
for i, (name, r) in enumerate(runs.items()):
    ax.plot(r["updates"], r["train"], f"C{i}-", label=f"{name} train")
    ax.plot(r["updates"], r["val"], f"C{i}--", label=f"{name} val")
ax.set(xlabel="updates", ylabel="perplexity", yscale="log"); ax.legend(fontsize=7)
plt.show()
print(f"{'run':14} {'train':>7} {'val':>7} {'best val':>9}")
for name, r in runs.items():
    print(f"{name:14} {r['train'][-1]:7.2f} {r['val'][-1]:7.2f} {min(r['val']):9.2f}")
