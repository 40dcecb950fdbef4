# expect: pass
# exercise: 3
# what: measurement with a helper that builds a fresh seeded model per (decoder, seed), bins source lengths into thirds with torch.quantile, and prints a markdown table of min/median/max
# %% cell 113ce8c3
def build(decoder_cls, seed):
    rnnlab.seed(seed)
    enc = Encoder(len(vocab), embed_size, num_hiddens)
    dec = decoder_cls(len(vocab), embed_size, num_hiddens)
    return Seq2Seq(enc, dec)


src_len = torch.tensor([len(s) for s in data["test"][0]])
q1, q2 = torch.quantile(src_len.float(), torch.tensor([1 / 3, 2 / 3])).tolist()
bins = {
    f"<= {q1:.0f}": src_len <= q1,
    f"{q1:.0f} < len <= {q2:.0f}": (src_len > q1) & (src_len <= q2),
    f"> {q2:.0f}": src_len > q2,
}

results = {}
for name, cls in [("no attention", Decoder), ("attention", AttentionDecoder)]:
    per_seed = []
    for seed in (0, 1, 2):
        net = train_seq2seq(build(cls, seed), num_epochs, seed=seed)
        per_seed.append(exact_match(net, "test"))
    results[name] = per_seed

rows = ["| decoder | source length | n | min | median | max |", "|---|---|---|---|---|---|"]
for name, per_seed in results.items():
    for label, sel in bins.items():
        accs = [em[sel].float().mean().item() for em in per_seed]
        rows.append(f"| {name} | {label} | {int(sel.sum())} | {min(accs):.3f} | "
                    f"{statistics.median(accs):.3f} | {max(accs):.3f} |")
Markdown("\n".join(rows))
