# expect: pass
# exercise: 4
# what: pads all lines once before training (inputs and targets into two torch.full tensors plus a lengths tensor) and per batch selects rows with index_select and trims to the batch's longest line; clip_grad_norm_(max_norm=1.0), time.monotonic for the epoch time, the generator seeded from a fixed seed before the epochs
# %% cell 2579fc9e
def _pad_all(seqs, pad_id):
    """Inputs (line minus last char) and targets (line minus first char), padded once."""
    lengths = torch.tensor([len(s) - 1 for s in seqs])
    T = int(lengths.max())
    inputs = torch.full((len(seqs), T), pad_id, dtype=torch.long)
    targets = torch.full((len(seqs), T), pad_id, dtype=torch.long)
    for b, s in enumerate(seqs):
        n = len(s) - 1
        inputs[b, :n] = s[:-1]
        targets[b, :n] = s[1:]
    return inputs, targets, lengths


def train_lines(net, seqs, batch_size, num_epochs, optimizer, make_batches):
    """Train on whole lines with packed, masked batches; return tokens/s per epoch."""
    device = next(net.parameters()).device
    all_inputs, all_targets, all_lengths = _pad_all(seqs, pad)
    length_list = all_lengths.tolist()
    generator = torch.Generator()
    generator.manual_seed(2024)
    net.train()
    tokens_per_second = []
    for _ in range(rnnlab.cap_epochs(num_epochs)):
        real_tokens, t0 = 0, time.monotonic()
        for batch in make_batches(length_list, batch_size, generator):
            idx = torch.as_tensor(batch, dtype=torch.long)
            L = all_lengths.index_select(0, idx)
            T = int(L.max())
            X = all_inputs.index_select(0, idx)[:, :T].to(device)
            Y = all_targets.index_select(0, idx)[:, :T].to(device)
            L = L.to(device)
            for p in net.parameters():
                p.grad = None
            logits, _ = net(X, L)
            loss = masked_loss(logits, Y, L)
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)
            optimizer.step()
            real_tokens += int(L.sum().item())
        tokens_per_second.append(real_tokens / (time.monotonic() - t0))
    return tokens_per_second


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
