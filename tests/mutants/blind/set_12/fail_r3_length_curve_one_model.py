# expect: fail
# exercise: 3
# what: builds one model per decoder and calls train_seq2seq on that same object for seeds 0, 1 and 2, so "seed 1" and "seed 2" continue training the earlier run instead of being independent runs
# %% cell 113ce8c3
bins = [(0, 12), (12, 18), (18, 100)]
src_len = torch.tensor([len(s) for s in data["test"][0]])
table = {}
for name, cls in (("Decoder", Decoder), ("AttentionDecoder", AttentionDecoder)):
    rnnlab.seed(0)
    net = Seq2Seq(Encoder(len(vocab), embed_size, num_hiddens),
                  cls(len(vocab), embed_size, num_hiddens))
    for seed in (0, 1, 2):
        train_seq2seq(net, num_epochs, seed=seed)
        em = exact_match(net, "test").float()
        for lo, hi in bins:
            sel = (src_len >= lo) & (src_len < hi)
            table.setdefault((name, lo, hi), []).append(em[sel].mean().item())
for (name, lo, hi), v in table.items():
    print(f"{name:>16} source length {lo}-{hi}: min {min(v):.1%}, "
          f"median {statistics.median(v):.1%}, max {max(v):.1%}")
