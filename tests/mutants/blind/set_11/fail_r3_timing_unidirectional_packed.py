# expect: fail
# exercise: 2
# what: the packed contender is a one-directional nn.GRU (bidirectional=True forgotten), so half the work of the padded bidirectional layer is timed
# %% cell 80e9e3a7
torch.manual_seed(0)
padded_layer = BiGRUPadded(32, 64).to(device)
packed_layer = nn.GRU(32, 64, batch_first=True).to(device)
lengths = torch.randint(min_len, max_len + 1, (64,))
X = torch.randn(64, int(lengths.max()), 32, device=device)
t = {"padded": [], "packed": []}
for _ in range(5):
    t0 = time.perf_counter()
    out, h = padded_layer(X, lengths)
    out.sum().backward()
    t["padded"].append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    out, h = packed_layer(pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False))
    pad_packed_sequence(out, batch_first=True)[0].sum().backward()
    t["packed"].append(time.perf_counter() - t0)
for k, v in t.items():
    print(k, f"{1000 * sorted(v)[2]:.2f} ms")
