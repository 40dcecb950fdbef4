# expect: fail
# exercise: 1
# what: prepends the last num_steps training characters to the validation text "as warm-up context" for the state, so val_iter contains training text (leakage)
# %% cell 41a6faa3
corpus, vocab = rnnlab.load_corpus("time_machine", "char")
train_ids, val_ids = train_val_split(corpus, 0.1)
# give the model some context before the first validation character
val_iter = rnnlab.SeqDataLoader(train_ids[-num_steps:] + val_ids, 8, num_steps,
                                random_offset=False)
print(f"{len(train_ids):,} training and {len(val_ids):,} validation characters")

runs = {}
for name, ids, epochs in [("10,000 characters", train_ids[:10000], 60),
                          ("whole book", train_ids, 4)]:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(vocab), 256), len(vocab))
    it = rnnlab.SeqDataLoader(ids, batch_size, num_steps)
    record = train_with_validation(net, it, val_iter, epochs)
    runs[name] = {"net": net, "record": record}

fig, ax = plt.subplots(figsize=(5, 3))
for i, (name, r) in enumerate(runs.items()):
    rec = r["record"]
    ax.plot(rec["updates"], rec["train"], f"C{i}-", label=f"{name}, training")
    ax.plot(rec["updates"], rec["val"], f"C{i}--", label=f"{name}, validation")
ax.set(xlabel="updates", ylabel="perplexity", yscale="log")
ax.legend(fontsize=8)
plt.show()
for name, r in runs.items():
    rec = r["record"]
    print(f"{name:18} train {rec['train'][-1]:.2f}  val {rec['val'][-1]:.2f}  "
          f"best val {min(rec['val']):.2f}")
