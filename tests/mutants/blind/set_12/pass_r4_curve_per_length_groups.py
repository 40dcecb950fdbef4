# expect: pass
# exercise: 3
# what: a factory makes a fresh seeded Seq2Seq per (decoder, seed); the test pairs are grouped by exact source length and merged into three ranges of about equal size with a running count; per range the min / median / max over the three seeds come from a sorted list; printed as plain text
# %% cell 113ce8c3
def fresh_model(decoder_class, seed):
    rnnlab.seed(seed)
    encoder = Encoder(len(vocab), embed_size, num_hiddens)
    return Seq2Seq(encoder, decoder_class(len(vocab), embed_size, num_hiddens))


lengths = [len(source) for source in data["test"][0]]
by_length = {}
for i, n in enumerate(lengths):
    by_length.setdefault(n, []).append(i)
groups, current = [], []
for n in sorted(by_length):                 # merge lengths into ~equal thirds
    current += by_length[n]
    if len(current) >= len(lengths) / 3 and len(groups) < 2:
        groups.append(current)
        current = []
groups.append(current)
groups = [g for g in groups if g]
labels = [f"{min(lengths[i] for i in g)}-{max(lengths[i] for i in g)}" for g in groups]

table = {}
for name, decoder_class in (("Decoder", Decoder), ("AttentionDecoder", AttentionDecoder)):
    per_seed = []
    for seed in (0, 1, 2):
        net = train_seq2seq(fresh_model(decoder_class, seed), num_epochs, seed=seed)
        hits = exact_match(net, "test")
        per_seed.append([hits[torch.tensor(g)].float().mean().item() for g in groups])
    for j, label in enumerate(labels):
        ordered = sorted(run[j] for run in per_seed)
        table[(name, label)] = (ordered[0], ordered[1], ordered[2])

print(f"{'decoder':>17} {'source length':>14} {'min':>7} {'median':>7} {'max':>7}")
for (name, label), (lo, mid, hi) in table.items():
    print(f"{name:>17} {label:>14} {lo:7.1%} {mid:7.1%} {hi:7.1%}")
