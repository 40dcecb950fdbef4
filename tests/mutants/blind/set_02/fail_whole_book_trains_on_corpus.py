# expect: fail
# exercise: 1
# what: the whole-book run is fed SeqDataLoader(corpus) (the full book incl. the held-out 10%) although train_ids is the training part
# %% cell 41a6faa3
corpus, vocab = rnnlab.load_corpus("time_machine", "char")
train_ids, val_ids = train_val_split(corpus, 0.1)
val_iter = rnnlab.SeqDataLoader(val_ids, 8, num_steps, random_offset=False)
small_iter = rnnlab.SeqDataLoader(train_ids[:10000], batch_size, num_steps)
whole_iter = rnnlab.SeqDataLoader(corpus, batch_size, num_steps)
runs = {}
for name, it, epochs in [("10,000 characters", small_iter, 60), ("whole book", whole_iter, 4)]:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(vocab), 256), len(vocab))
    runs[name] = {"net": net, **train_with_validation(net, it, val_iter, epochs)}
for name, r in runs.items():
    print(f"{name:18} train {r['train'][-1]:.2f}  val {r['val'][-1]:.2f}  best val {min(r['val']):.2f}")
