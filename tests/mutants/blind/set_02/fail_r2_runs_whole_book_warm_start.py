# expect: fail
# exercise: 1
# what: builds a new network for the whole-book run but starts it from the 10,000-character model's trained weights (load_state_dict), so it is not the same model trained afresh and gets 480 extra updates
# %% cell 41a6faa3
corpus, vocab = rnnlab.load_corpus("time_machine", "char")
train_ids, val_ids = train_val_split(corpus, 0.1)
val_iter = rnnlab.SeqDataLoader(val_ids, 8, num_steps, random_offset=False)

runs, previous = {}, None
for name, ids, epochs in [("10,000 characters", train_ids[:10000], 60),
                          ("whole book", train_ids, 4)]:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(vocab), 256), len(vocab))
    if previous is not None:
        net.load_state_dict(previous.state_dict())  # no need to start from scratch
    record = train_with_validation(net, rnnlab.SeqDataLoader(ids, batch_size, num_steps),
                                   val_iter, epochs)
    runs[name] = {"net": net, "record": record}
    previous = net

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
