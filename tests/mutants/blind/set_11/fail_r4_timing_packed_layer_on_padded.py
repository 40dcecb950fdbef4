# expect: fail
# exercise: 2
# what: the "packed" contender is timed on the padded tensor itself (packed_layer(X), no pack_padded_sequence), so the comparison is against a plain padded nn.GRU pass, not against packing
# %% cell 80e9e3a7
def time_fwd_bwd(fn, repeats=5):
    times = []
    for _ in range(repeats + 1):          # the first run warms up
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn().sum().backward()
        if device.type == "cuda":
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return sorted(times[1:])[len(times[1:]) // 2]


torch.manual_seed(0)
batch_size, input_size, num_hiddens = 64, 32, 64
lengths = torch.randint(min_len, max_len + 1, (batch_size,))
X = torch.randn(batch_size, int(lengths.max()), input_size, device=device)
padded_layer = BiGRUPadded(input_size, num_hiddens).to(device)
packed_layer = nn.GRU(input_size, num_hiddens, batch_first=True,
                      bidirectional=True).to(device)

t_padded = time_fwd_bwd(lambda: padded_layer(X, lengths.to(device))[0])
t_packed = time_fwd_bwd(lambda: packed_layer(X)[0])
print(f"BiGRUPadded: {1e3 * t_padded:.1f} ms, packed nn.GRU: {1e3 * t_packed:.1f} ms "
      f"(forward + backward, median of 5)")
