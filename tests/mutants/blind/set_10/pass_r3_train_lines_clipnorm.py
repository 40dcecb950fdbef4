# expect: pass
# exercise: 4
# what: one generator created before the epochs from a drawn seed, clip_grad_norm_(1.0) instead of rnnlab.grad_clipping, zero_grad(set_to_none=True) before forward, lengths as a tensor built first, net.train() set explicitly
# %% cell 2579fc9e
def train_lines(net, seqs, batch_size, num_epochs, optimizer, make_batches):
    """Train on whole lines with packed, masked batches; return tokens/s per epoch."""
    dev = next(net.parameters()).device
    all_lengths = [len(s) - 1 for s in seqs]
    gen = torch.Generator().manual_seed(int(torch.randint(0, 2**31 - 1, (1,)).item()))
    net.train()
    per_epoch = []
    for _ in range(rnnlab.cap_epochs(num_epochs)):
        n_tokens, t0 = 0, time.perf_counter()
        for batch in make_batches(all_lengths, batch_size, gen):
            lengths = torch.tensor([all_lengths[i] for i in batch])
            X = pad_sequence([seqs[i][:-1] for i in batch], batch_first=True,
                             padding_value=pad).to(dev)
            Y = pad_sequence([seqs[i][1:] for i in batch], batch_first=True,
                             padding_value=pad).to(dev)
            optimizer.zero_grad(set_to_none=True)
            logits, _ = net(X, lengths)
            l = masked_loss(logits, Y, lengths.to(dev))
            l.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            n_tokens += int(lengths.sum())
        per_epoch.append(n_tokens / (time.perf_counter() - t0))
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
