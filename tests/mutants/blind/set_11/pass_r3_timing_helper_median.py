# expect: pass
# exercise: 2
# what: timing with a helper that runs forward+backward on the same random padded batch, median of interleaved repeats, the packed layer's weights copied into the padded layer (same maths)
# %% cell 80e9e3a7
def timed(fn, repeats=7):
    times = []
    for _ in range(repeats):
        if device.type == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        fn()
        if device.type == "cuda":
            torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


torch.manual_seed(0)
in_size, hid, B = 32, 64, 64
packed_layer = nn.GRU(in_size, hid, batch_first=True, bidirectional=True).to(device)
padded_layer = BiGRUPadded(in_size, hid).to(device)
with torch.no_grad():
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        getattr(padded_layer.forward_rnn, f"{name}_l0").copy_(getattr(packed_layer, f"{name}_l0"))
        getattr(padded_layer.backward_rnn, f"{name}_l0").copy_(
            getattr(packed_layer, f"{name}_l0_reverse"))
lengths = torch.randint(min_len, max_len + 1, (B,))
X = torch.randn(B, int(lengths.max()), in_size, device=device)


def run_padded():
    out, h = padded_layer(X, lengths)
    (out.sum() + h.sum()).backward()


def run_packed():
    packed = pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False)
    out, h = packed_layer(packed)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=X.shape[1])
    (out.sum() + h.sum()).backward()


res = {"padded": [], "packed": []}
for _ in range(3):
    res["padded"].append(timed(run_padded))
    res["packed"].append(timed(run_packed))
for k, v in res.items():
    print(f"{k}: {1000 * sorted(v)[1]:.2f} ms forward + backward")
