# expect: fail
# exercise: 1
# what: builds val_iter from the whole corpus (training text included) instead of the held-out last 10% only
# %% cell 41a6faa3
corpus, vocab = rnnlab.load_corpus("time_machine", "char")
train_ids, val_ids = train_val_split(corpus, 0.1)
# validation batches: keep the whole book so the iterator has enough text for 8 rows
val_iter = rnnlab.SeqDataLoader(corpus, 8, num_steps, random_offset=False)
runs = {}
for name, ids, epochs in [("10,000 characters", train_ids[:10000], 60),
                          ("whole book", train_ids, 4)]:
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(vocab), 256), len(vocab))
    record = train_with_validation(net, rnnlab.SeqDataLoader(ids, batch_size, num_steps),
                                   val_iter, epochs)
    runs[name] = {"net": net, **record}
for name, r in runs.items():
    print(f"{name:18} train {r['train'][-1]:.2f}  val {r['val'][-1]:.2f}  best val {min(r['val']):.2f}")
