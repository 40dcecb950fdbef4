# expect: fail
# exercise: 4
# what: the real-token counter is set to 0 once before the epoch loop, not at the start of each epoch, so epoch e's speed divides all tokens since the start by that epoch's time alone (the figures grow epoch by epoch: 1x, 2x, 3x ...)
# %% cell 2579fc9e
def train_lines(net, seqs, batch_size, num_epochs, optimizer, make_batches):
    """Train on whole lines with packed, masked batches; return tokens/s per epoch."""
    device = next(net.parameters()).device
    lengths = [len(s) - 1 for s in seqs]
    generator = torch.Generator().manual_seed(0)
    speeds, tokens = [], 0
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        start = time.perf_counter()
        for batch in make_batches(lengths, batch_size, generator):
            X = pad_sequence([seqs[i][:-1] for i in batch], batch_first=True,
                             padding_value=pad)
            Y = pad_sequence([seqs[i][1:] for i in batch], batch_first=True,
                             padding_value=pad)
            L = torch.tensor([lengths[i] for i in batch])
            X, Y, L = X.to(device), Y.to(device), L.to(device)
            logits, _ = net(X, L)
            loss = masked_loss(logits, Y, L)
            optimizer.zero_grad()
            loss.backward()
            rnnlab.grad_clipping(net, 1)
            optimizer.step()
            tokens += int(L.sum())
        speeds.append(tokens / (time.perf_counter() - start))
    return speeds


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
