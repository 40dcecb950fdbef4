# expect: pass
# exercise: 2
# what: own evaluation helper: carries the state across the sequential batches, sums the token losses in float64 and exponentiates once; table preallocated and filled by index
# %% cell a8040991
names = ["time_machine", "war_of_the_worlds", "tiny_shakespeare"]
# one vocabulary for all three books, so ids mean the same everywhere
shared_vocab = rnnlab.Vocab(rnnlab.tokenize(
    [line for n in names for line in rnnlab.read_lines(n)], "char"))
print(f"shared vocabulary: {len(shared_vocab)} tokens")
parts = {}
for n in names:
    ids, _ = rnnlab.load_corpus(n, "char", max_tokens=40000, vocab=shared_vocab)
    parts[n] = train_val_split(ids, 0.1)
training_sets = {
    "The Time Machine": parts["time_machine"][0],
    "The War of the Worlds": parts["war_of_the_worlds"][0],
    "Tiny Shakespeare": parts["tiny_shakespeare"][0],
    "Wells (both books)": parts["time_machine"][0] + parts["war_of_the_worlds"][0],
}
val_iters = [rnnlab.SeqDataLoader(parts[n][1], 8, num_steps, random_offset=False)
             for n in names]
nets = []
for i, (label, ids) in enumerate(training_sets.items()):
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(shared_vocab), 128), len(shared_vocab))
    rec = train_with_validation(net, rnnlab.SeqDataLoader(ids, batch_size, num_steps),
                                val_iters[min(i, 2)], 15, eval_every=5)
    print(f"{label}: training perplexity {rec['train'][-1]:.2f}")
    nets.append(net)


@torch.no_grad()
def perplexity_on(net, data_iter):
    """exp of the mean cross-entropy over every token; state carried across batches."""
    was_training = net.training
    net.eval()
    dev = next(net.parameters()).device
    state, nll, tokens = None, torch.zeros((), dtype=torch.float64), 0
    for X, Y in data_iter:
        if state is None:
            state = net.begin_state(batch_size=X.shape[0], device=dev)
        logits, state = net(X.to(dev), state)
        targets = Y.T.reshape(-1).to(dev)
        nll += nn.functional.cross_entropy(logits.double(), targets, reduction="sum").cpu()
        tokens += targets.numel()
    net.train(was_training)
    return math.exp(nll.item() / tokens)


def cross_perplexity_table(nets, val_iters):
    """Entry [i][j]: perplexity of nets[i] on val_iters[j]."""
    table = [[0.0] * len(val_iters) for _ in nets]
    for i, net in enumerate(nets):
        for j, it in enumerate(val_iters):
            table[i][j] = perplexity_on(net, it)
    return table


table = cross_perplexity_table(nets, val_iters)
# unigram baseline: character frequencies of all training text (add-one smoothed)
counts = torch.bincount(torch.tensor([t for ids in training_sets.values() for t in ids]),
                        minlength=len(shared_vocab)).double() + 1
log_p = (counts / counts.sum()).log()
unigram = [math.exp(-log_p[torch.tensor(parts[n][1])].mean().item()) for n in names]
print(f"{'model / text':24}" + "".join(f"{n:>20}" for n in names))
for label, row in zip(training_sets, table):
    print(f"{label:24}" + "".join(f"{v:20.2f}" for v in row))
print(f"{'unigram baseline':24}" + "".join(f"{v:20.2f}" for v in unigram))
