# expect: fail
# exercise: 3
# what: reports the exact match by source length on the validation split (the one train_seq2seq chose epochs on) instead of the test split
# %% cell 113ce8c3
src_len = torch.tensor([len(s) for s in data["valid"][0]])
edges = [0, 10, 24, 40, 100]
rows = ["| decoder | source length | min | median | max |", "|---|---|---|---|---|"]
for name, cls in [("no attention", Decoder), ("attention", AttentionDecoder)]:
    per_seed = []
    for seed in (0, 1, 2):
        rnnlab.seed(seed)
        net = Seq2Seq(Encoder(len(vocab), embed_size, num_hiddens),
                      cls(len(vocab), embed_size, num_hiddens))
        net = train_seq2seq(net, num_epochs, seed=seed)
        per_seed.append(exact_match(net, "valid"))
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (src_len > lo) & (src_len <= hi)
        if sel.sum() == 0:
            continue
        accs = [em[sel].float().mean().item() for em in per_seed]
        rows.append(f"| {name} | {lo + 1}-{hi} | {min(accs):.3f} | "
                    f"{statistics.median(accs):.3f} | {max(accs):.3f} |")
Markdown("\n".join(rows))
