# expect: pass
# exercise: 4
# what: own helper make_padded_batch, torch.nn.utils.clip_grad_norm_(max_norm=1) instead of rnnlab.grad_clipping, zero_grad(set_to_none) before the forward pass, time.time and a fresh generator seeded from torch for the batches
# %% cell 2579fc9e
def train_lines(net, seqs, batch_size, num_epochs, optimizer, make_batches):
    """Train on whole lines with packed, masked batches; return tokens/s per epoch."""
    device = next(net.parameters()).device

    def make_padded_batch(lines_b):
        inputs = [s[:-1] for s in lines_b]
        targets = [s[1:] for s in lines_b]
        lens = torch.tensor([len(t) for t in inputs], dtype=torch.long)
        X = pad_sequence(inputs, batch_first=True, padding_value=pad)
        Y = pad_sequence(targets, batch_first=True, padding_value=pad)
        return X, Y, lens

    lengths = [len(s) - 1 for s in seqs]
    gen = torch.Generator()
    gen.manual_seed(int(torch.randint(0, 2 ** 31 - 1, (1,))))
    per_epoch = []
    net.train()
    for _ in range(rnnlab.cap_epochs(num_epochs)):
        t0, n_real = time.time(), 0
        for idx in make_batches(lengths, batch_size, gen):
            X, Y, lens = make_padded_batch([seqs[i] for i in idx])
            optimizer.zero_grad(set_to_none=True)
            logits, _ = net(X.to(device), lens)
            loss = masked_loss(logits, Y.to(device), lens.to(device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)
            optimizer.step()
            n_real += int(lens.sum())
        per_epoch.append(n_real / (time.time() - t0))
    return per_epoch


train_seqs = seqs[:800]
speeds = {}
for name, make_batches in (("bucketed", bucket_batches), ("random", random_batches)):
    rnnlab.seed(0)
    model = PackedLineLM(len(vocab), 128).to(device)
    adam = torch.optim.Adam(model.parameters(), lr=0.01)
    speeds[name] = train_lines(model, train_seqs, 32, 5, adam, make_batches)
    if name == "bucketed":
        line_net = model
lengths_train = [len(s) - 1 for s in train_seqs]
g = torch.Generator().manual_seed(0)
for name, make_batches in (("bucketed", bucket_batches), ("random", random_batches)):
    share = padding_share(make_batches(lengths_train, 32, g), lengths_train)
    median = sorted(speeds[name])[len(speeds[name]) // 2]
    print(f"{name:>8} batches: {share:.1%} padding, "
          f"{median:,.0f} real tokens/s (median epoch)")
