# expect: fail
# exercise: 2
# what: own evaluation helper that begins a fresh zero state for every validation minibatch although the loader is sequential (rows continue each other), so every 35-character piece is read without its context and the perplexities are too high
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


def perplexity(net, data_iter):
    device = next(net.parameters()).device
    net.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for X, Y in data_iter:
            state = net.begin_state(batch_size=X.shape[0], device=device)
            logits, _ = net(X.to(device), state)
            y = Y.T.reshape(-1).to(device)
            total += nn.functional.cross_entropy(logits, y, reduction="sum").item()
            count += y.numel()
    net.train()
    return math.exp(total / count)


def cross_perplexity_table(nets, val_iters):
    return [[perplexity(net, it) for it in val_iters] for net in nets]

table = cross_perplexity_table(nets, val_iters)
texts = ["Time Machine", "War of the Worlds", "Shakespeare"]
print(f"{'model / text':22}" + "".join(f"{t:>20}" for t in texts))
for label, row in zip(training_sets, table):
    print(f"{label:22}" + "".join(f"{v:20.2f}" for v in row))
uni = [rnnlab.unigram_perplexity(training_sets[t], val_parts[n], len(shared_vocab))
       for t, n in zip(texts, names)]
print(f"{'unigram (own book)':22}" + "".join(f"{v:20.2f}" for v in uni))
