# expect: pass
# exercise: 3
# what: a fresh Seq2Seq per decoder and seed built by a factory function, exact match grouped by source-length terciles with torch.quantile, min/median/max with the statistics module, printed as a Markdown table
# %% cell 113ce8c3
from IPython.display import Markdown, display


def build(decoder_cls, seed):
    torch.manual_seed(seed)
    return Seq2Seq(Encoder(len(vocab), embed_size, num_hiddens),
                   decoder_cls(len(vocab), embed_size, num_hiddens))


src_len = torch.tensor([len(s) for s in data["test"][0]], dtype=torch.float)
cuts = torch.quantile(src_len, torch.tensor([1 / 3, 2 / 3])).tolist()
ranges = [(0, cuts[0]), (cuts[0], cuts[1]), (cuts[1], float("inf"))]
results = {}  # (decoder name, range index) -> [exact match per seed]
for name, cls in (("no attention", Decoder), ("attention", AttentionDecoder)):
    for seed in (0, 1, 2):
        model = train_seq2seq(build(cls, seed), num_epochs, seed=seed)
        hits = exact_match(model, "test").float()
        for r, (lo, hi) in enumerate(ranges):
            sel = (src_len > lo) & (src_len <= hi)
            results.setdefault((name, r), []).append(hits[sel].mean().item())
rows = ["| source length | decoder | min | median | max |", "|---|---|---|---|---|"]
for r, (lo, hi) in enumerate(ranges):
    for name in ("no attention", "attention"):
        v = results[(name, r)]
        rows.append(f"| ({lo:.0f}, {hi:.0f}] | {name} | {min(v):.1%} | "
                    f"{statistics.median(v):.1%} | {max(v):.1%} |")
display(Markdown("\n".join(rows)))
