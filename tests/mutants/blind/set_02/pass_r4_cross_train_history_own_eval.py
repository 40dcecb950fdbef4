# expect: pass
# exercise: 2
# what: models trained with rnnlab.train (Adam 0.01 passed as optimizer, clip 1, 15 epochs, no test text so nothing is chosen on validation); the table function uses its own evaluation helper under torch.inference_mode (fresh state per text, state carried within a text, float64 token-loss sums) and a dict-of-rows built by index
# %% cell a8040991
books = ("time_machine", "war_of_the_worlds", "tiny_shakespeare")
# one vocabulary for all three books: ids mean the same token in every model
shared_vocab = rnnlab.Vocab([ch for name in books
                             for line in rnnlab.tokenize(rnnlab.read_lines(name), "char")
                             for ch in line])
parts = {}
for name in books:
    ids, _ = rnnlab.load_corpus(name, "char", max_tokens=40000, vocab=shared_vocab)
    parts[name] = train_val_split(ids, 0.1)            # (training part, held-out last 10%)

training_sets = {name: parts[name][0] for name in books}
training_sets["wells + wells"] = parts["time_machine"][0] + parts["war_of_the_worlds"][0]
val_iters = [rnnlab.SeqDataLoader(parts[name][1], 8, num_steps, random_offset=False)
             for name in books]

nets = []
for name, tokens in training_sets.items():
    rnnlab.seed(0)
    model = rnnlab.RNNLM(nn.GRU(len(shared_vocab), 128), len(shared_vocab)).to(device)
    history = rnnlab.train(model, rnnlab.SeqDataLoader(tokens, batch_size, num_steps),
                           shared_vocab, 0.01, 15, device,
                           optimizer=torch.optim.Adam(model.parameters(), lr=0.01),
                           clip_theta=1.0, prefixes=None, plot=False, progress=False)
    nets.append(model)


def _perplexity(net, data_iter):
    """exp(mean cross-entropy over every token of one text), from a fresh state."""
    dev = next(net.parameters()).device
    mode = net.training
    net.eval()
    total, count, state = 0.0, 0, None
    with torch.inference_mode():
        for X, Y in data_iter:
            if state is None:
                state = net.begin_state(batch_size=X.shape[0], device=dev)
            logits, state = net(X.to(dev), state)
            target = Y.T.reshape(-1).to(dev).long()
            total += float(nn.functional.cross_entropy(logits.double(), target,
                                                       reduction="sum"))
            count += target.numel()
    net.train(mode)
    return math.exp(total / count)


def cross_perplexity_table(nets, val_iters):
    """Entry [i][j]: perplexity of nets[i] on the text of val_iters[j]."""
    rows = {}
    for i in range(len(nets)):
        rows[i] = [_perplexity(nets[i], val_iters[j]) for j in range(len(val_iters))]
    return [rows[i] for i in range(len(nets))]


table = cross_perplexity_table(nets, val_iters)
# unigram baseline: each validation text scored with the training text's character frequencies
freq = torch.ones(len(shared_vocab), dtype=torch.float64)
for tokens in training_sets.values():
    freq += torch.bincount(torch.tensor(tokens), minlength=len(shared_vocab)).double()
logp = (freq / freq.sum()).log()
baseline = [math.exp(-logp[torch.tensor(parts[name][1])].mean().item()) for name in books]
print(f"{'trained on':16}" + "".join(f"{name:>20}" for name in books))
for name, row in zip(training_sets, table):
    print(f"{name:16}" + "".join(f"{v:20.2f}" for v in row))
print(f"{'unigram':16}" + "".join(f"{v:20.2f}" for v in baseline))
