# expect: fail
# exercise: 2
# what: own evaluation helper that begins a zero state once per MODEL and then carries it from the end of one validation text into the next (a state carried across the boundary of two unrelated texts), so every entry after the first column depends on the text read before it and on the order of val_iters
# %% cell a8040991
names = ["time_machine", "war_of_the_worlds", "tiny_shakespeare"]
# one shared vocabulary from all three books, so ids mean the same everywhere
all_chars = [tok for name in names
             for line in rnnlab.tokenize(rnnlab.read_lines(name), "char") for tok in line]
shared_vocab = rnnlab.Vocab(all_chars)
corpora = {name: rnnlab.load_corpus(name, "char", max_tokens=40000, vocab=shared_vocab)[0]
           for name in names}
splits = {name: train_val_split(c, 0.1) for name, c in corpora.items()}

training_sets = {name: splits[name][0] for name in names}
training_sets["both Wells"] = splits["time_machine"][0] + splits["war_of_the_worlds"][0]
val_iters = [rnnlab.SeqDataLoader(splits[name][1], 8, num_steps, random_offset=False)
             for name in names]

nets = []
for name, train_tokens in training_sets.items():
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(shared_vocab), 128), len(shared_vocab))
    train_it = rnnlab.SeqDataLoader(train_tokens, batch_size, num_steps)
    rec = train_with_validation(net, train_it, val_iters[0], 15, eval_every=15)
    nets.append(net)
    print(f"{name}: training perplexity {rec['train'][-1]:.2f}")


def cross_perplexity_table(nets, val_iters):
    """Entry [i][j]: perplexity of nets[i] on the text of val_iters[j]."""
    table = []
    for net in nets:
        dev = next(net.parameters()).device
        was_training = net.training
        net.eval()
        state, row = None, []
        with torch.no_grad():
            for it in val_iters:
                total, count = 0.0, 0
                for X, Y in it:
                    if state is None or state.shape[1] != X.shape[0]:
                        state = net.begin_state(X.shape[0], dev)
                    logits, state = net(X.to(dev), state)
                    y = Y.T.reshape(-1).to(dev)
                    total += nn.functional.cross_entropy(logits, y, reduction="sum").item()
                    count += y.numel()
                row.append(math.exp(total / count))
        net.train(was_training)
        table.append(row)
    return table


table = cross_perplexity_table(nets, val_iters)
# unigram baseline: character frequencies of all the training text, add-one smoothed
counts = torch.ones(len(shared_vocab))
for tokens in training_sets.values():
    counts += torch.bincount(torch.tensor(tokens), minlength=len(shared_vocab))
log_p = torch.log(counts / counts.sum())
unigram = [math.exp(-log_p[torch.tensor(splits[name][1])].mean().item()) for name in names]

print(f"{'model / text':16}" + "".join(f"{n:>20}" for n in names))
for name, row in zip(training_sets, table):
    print(f"{name:16}" + "".join(f"{v:20.2f}" for v in row))
print(f"{'unigram':16}" + "".join(f"{v:20.2f}" for v in unigram))
