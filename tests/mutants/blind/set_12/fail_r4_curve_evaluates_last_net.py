# expect: fail
# exercise: 3
# what: trains a fresh model per (decoder, seed) and stores each one, but the evaluation loop calls exact_match(net, "test") with the leftover loop variable net instead of the stored model, so every row and seed reports the last trained model (attention, seed 2)
# %% cell 113ce8c3
models = {}
for name, decoder_class in (("no attention", Decoder), ("attention", AttentionDecoder)):
    for seed in (0, 1, 2):
        rnnlab.seed(seed)
        net = Seq2Seq(Encoder(len(vocab), embed_size, num_hiddens),
                      decoder_class(len(vocab), embed_size, num_hiddens))
        train_seq2seq(net, num_epochs, seed=seed)
        models[(name, seed)] = net

source_lengths = torch.tensor([len(source) for source in data["test"][0]])
edges = torch.quantile(source_lengths.float(), torch.tensor([1 / 3, 2 / 3]))
bin_of = torch.bucketize(source_lengths.float(), edges, right=True)  # 0, 1, 2
ranges = [(int(source_lengths[bin_of == b].min()), int(source_lengths[bin_of == b].max()))
          for b in range(3)]

results = {}
for (name, seed), model in models.items():
    correct = exact_match(net, "test").float()
    for b in range(3):
        results.setdefault((name, b), []).append(correct[bin_of == b].mean().item())

rows = ["| decoder | source length | min | median | max |", "|---|---|---|---|---|"]
for name in ("no attention", "attention"):
    for b, (lo, hi) in enumerate(ranges):
        values = results[(name, b)]
        rows.append(f"| {name} | {lo}-{hi} | {min(values):.1%} | "
                    f"{statistics.median(values):.1%} | {max(values):.1%} |")
display(Markdown("\n".join(rows)))
