# expect: fail
# exercise: 2
# what: the function ignores its arguments and loops over the global nets and val_iters, so another order of models/texts gives the old table
# %% cell a8040991
import math

names = ["time_machine", "war_of_the_worlds", "tiny_shakespeare"]
shared_vocab = rnnlab.Vocab([tok for n in names
                             for tok in rnnlab.tokenize(rnnlab.read_lines(n), "char")])
print(len(shared_vocab), "shared tokens")
train_parts, val_iters = {}, []
for n in names:
    ids, _ = rnnlab.load_corpus(n, "char", 40000, vocab=shared_vocab)
    tr, va = train_val_split(ids, 0.1)
    train_parts[n] = tr
    val_iters.append(rnnlab.SeqDataLoader(va, 8, num_steps, random_offset=False))
training_sets = {
    "The Time Machine": train_parts["time_machine"],
    "The War of the Worlds": train_parts["war_of_the_worlds"],
    "Tiny Shakespeare": train_parts["tiny_shakespeare"],
    "both Wells books": train_parts["time_machine"] + train_parts["war_of_the_worlds"],
}
nets = []
for name, ids in training_sets.items():
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(shared_vocab), 128), len(shared_vocab))
    train_with_validation(net, rnnlab.SeqDataLoader(ids, batch_size, num_steps),
                          val_iters[0], 15, eval_every=15)
    nets.append(net)


def cross_perplexity_table(nets_, val_iters_):
    """Entry [i][j]: perplexity of nets[i] on val_iters[j]."""
    return [[rnnlab.evaluate_perplexity(net, it) for it in val_iters] for net in nets]


table = cross_perplexity_table(nets, val_iters)
unigram = []
for it in val_iters:
    counts = torch.zeros(len(shared_vocab))
    for X, Y in it:
        counts += torch.bincount(Y.reshape(-1), minlength=len(shared_vocab))
    p = counts / counts.sum()
    unigram.append(math.exp(-(p[p > 0] * p[p > 0].log()).sum().item()))
print(f"{'model / text':24}" + "".join(f"{n[:12]:>14}" for n in names))
for name, row in zip(list(training_sets) + ["unigram baseline"], table + [unigram]):
    print(f"{name:24}" + "".join(f"{v:14.2f}" for v in row))
