# expect: fail
# exercise: 3
# what: reports mean and standard deviation over the seeds (labelled min / median / max columns replaced) instead of the minimum, median and maximum the text asks for
# %% cell 113ce8c3
src_len = torch.tensor([len(s) for s in data["test"][0]])
edges = torch.linspace(float(src_len.min()), float(src_len.max()) + 1e-6, 4)
ranges = [(edges[i].item(), edges[i + 1].item()) for i in range(3)]
in_range = [(src_len >= lo) & (src_len < hi) for lo, hi in ranges]

results = {}
for name, decoder_class in (("no attention", Decoder), ("attention", AttentionDecoder)):
    per_seed = []
    for seed in (0, 1, 2):
        rnnlab.seed(seed)
        model = Seq2Seq(Encoder(len(vocab), embed_size, num_hiddens),
                        decoder_class(len(vocab), embed_size, num_hiddens))
        train_seq2seq(model, num_epochs, seed=seed)
        hits = exact_match(model, "test").float()
        per_seed.append([hits[m].mean().item() for m in in_range])
    results[name] = per_seed

print(f"{'source length':>16} {'decoder':>13} {'mean':>6} {'std':>7}")
for r, (lo, hi) in enumerate(ranges):
    for name, per_seed in results.items():
        values = [acc[r] for acc in per_seed]
        print(f"{f'{lo:.0f} to {hi:.0f}':>16} {name:>13} {statistics.mean(values):6.1%} "
              f"{statistics.stdev(values):7.1%}")
