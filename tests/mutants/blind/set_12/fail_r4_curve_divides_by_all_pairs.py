# expect: fail
# exercise: 3
# what: the exact match of a length range is the number of correct outputs in that range divided by the size of the WHOLE test split, not by the number of pairs in the range, so every range's figure is shrunk by its share of the test pairs (about a third)
# %% cell 113ce8c3
source_lengths = torch.tensor([len(source) for source in data["test"][0]])
cuts = torch.quantile(source_lengths.float(), torch.tensor([1 / 3, 2 / 3]))
which = torch.bucketize(source_lengths.float(), cuts, right=True)
names = [f"{int(source_lengths[which == b].min())}-{int(source_lengths[which == b].max())}"
         for b in range(3)]

curve = {}
for label, decoder_class in (("Decoder", Decoder), ("AttentionDecoder", AttentionDecoder)):
    for seed in (0, 1, 2):
        rnnlab.seed(seed)
        net = Seq2Seq(Encoder(len(vocab), embed_size, num_hiddens),
                      decoder_class(len(vocab), embed_size, num_hiddens))
        train_seq2seq(net, num_epochs, seed=seed)
        hits = exact_match(net, "test")
        for b in range(3):
            in_range = hits[which == b]
            curve.setdefault((label, b), []).append(in_range.sum().item() / len(hits))

print(f"{'decoder':>17} {'source length':>14} {'min':>7} {'median':>7} {'max':>7}")
for (label, b), values in curve.items():
    print(f"{label:>17} {names[b]:>14} {min(values):7.1%} "
          f"{statistics.median(values):7.1%} {max(values):7.1%}")
