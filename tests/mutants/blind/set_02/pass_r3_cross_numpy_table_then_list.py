# expect: pass
# exercise: 2
# what: fills a NumPy float array by (i, j) with rnnlab.evaluate_perplexity and returns it converted with .tolist() (a list of lists of Python floats); models trained with the notebook's train_with_validation (Adam 0.01, clip 1, 15 epochs), validation loaders of 8 rows with a fixed cut
# %% cell a8040991
names = ["time_machine", "war_of_the_worlds", "tiny_shakespeare"]
all_tokens = [tok for name in names for tok in rnnlab.tokenize(rnnlab.read_lines(name), "char")]
shared_vocab = rnnlab.Vocab(all_tokens)
train_parts, val_parts = {}, {}
for name in names:
    ids, _ = rnnlab.load_corpus(name, "char", max_tokens=40000, vocab=shared_vocab)
    train_parts[name], val_parts[name] = train_val_split(ids, 0.1)
training_sets = {
    "Time Machine": train_parts["time_machine"],
    "War of the Worlds": train_parts["war_of_the_worlds"],
    "Shakespeare": train_parts["tiny_shakespeare"],
    "both Wells": train_parts["time_machine"] + train_parts["war_of_the_worlds"],
}
val_iters = [rnnlab.SeqDataLoader(val_parts[name], 8, num_steps, random_offset=False)
             for name in names]
nets = []
for label, ids in training_sets.items():
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(shared_vocab), 128), len(shared_vocab))
    train_iter = rnnlab.SeqDataLoader(ids, batch_size, num_steps)
    rec = train_with_validation(net, train_iter, val_iters[0], 15, eval_every=15)
    print(f"{label}: training perplexity {rec['train'][-1]:.2f}")
    nets.append(net)


def cross_perplexity_table(nets, val_iters):
    import numpy as np
    out = np.full((len(nets), len(val_iters)), np.nan)
    for i, net in enumerate(nets):
        for j, it in enumerate(val_iters):
            out[i, j] = rnnlab.evaluate_perplexity(net, it)
    return out.tolist()

table = cross_perplexity_table(nets, val_iters)
texts = ["Time Machine", "War of the Worlds", "Shakespeare"]
print(f"{'model / text':22}" + "".join(f"{t:>20}" for t in texts))
for label, row in zip(training_sets, table):
    print(f"{label:22}" + "".join(f"{v:20.2f}" for v in row))
uni = [rnnlab.unigram_perplexity(training_sets[t], val_parts[n], len(shared_vocab))
       for t, n in zip(texts, names)]
print(f"{'unigram (own book)':22}" + "".join(f"{v:20.2f}" for v in uni))
