# expect: fail
# exercise: 2
# what: the packed layer timed against BiGRUPadded is a one-directional nn.GRU (bidirectional=True forgotten), so it does half the work
# %% cell 80e9e3a7
torch.manual_seed(0)
input_size, hidden = 16, 64
padded_layer = BiGRUPadded(input_size, hidden).to(device)
packed_layer = nn.GRU(input_size, hidden, batch_first=True).to(device)
lengths = torch.randint(min_len, max_len + 1, (64,))
X = torch.randn(64, int(lengths.max()), input_size, device=device)


def sync():
    if device.type == "cuda":
        torch.cuda.synchronize()


def run_padded():
    out, h = padded_layer(X, lengths)
    (out.sum() + h.sum()).backward()


def run_packed():
    packed = pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False)
    out, h = packed_layer(packed)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=X.shape[1])
    (out.sum() + h.sum()).backward()


def timed(fn):
    sync()
    start = time.perf_counter()
    fn()
    sync()
    return 1000 * (time.perf_counter() - start)


for fn in (run_padded, run_packed):  # warm-up
    fn()
times = {"padded (two GRUs)": [], "packed nn.GRU": []}
for _ in range(5):
    times["padded (two GRUs)"].append(timed(run_padded))
    times["packed nn.GRU"].append(timed(run_packed))
for name, t in times.items():
    print(f"{name}: {sorted(t)[len(t) // 2]:.1f} ms forward and backward")
