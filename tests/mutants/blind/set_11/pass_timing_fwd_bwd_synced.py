# expect: pass
# exercise: 2
# what: times BiGRUPadded and a packed nn.GRU(bidirectional=True) on the same padded batch, forward plus backward pass, with warm-up, device synchronisation and the median of several runs
# %% cell 80e9e3a7
def sync():
    if device.type == "cuda":
        torch.cuda.synchronize()


def time_fwd_bwd(run, repeats=5):
    run()  # warm-up
    sync()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        sync()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


torch.manual_seed(0)
time_passages, _ = classify.sample_passages(train_parts, 100, min_len, max_len,
                                            torch.Generator().manual_seed(0))
Xt, lengths_t = classify.pad_batch(time_passages, pad)
emb = nn.Embedding(len(vocab), 16).to(device)
inputs = emb(Xt.to(device)).detach()
padded_layer = BiGRUPadded(16, 64).to(device)
packed_layer = nn.GRU(16, 64, batch_first=True, bidirectional=True).to(device)


def run_padded():
    outputs, h_n = padded_layer(inputs, lengths_t.to(device))
    (outputs.sum() + h_n.sum()).backward()


def run_packed():
    packed = pack_padded_sequence(inputs, lengths_t.cpu(), batch_first=True,
                                  enforce_sorted=False)
    out, h_n = packed_layer(packed)
    outputs, _ = pad_packed_sequence(out, batch_first=True, total_length=Xt.shape[1])
    (outputs.sum() + h_n.sum()).backward()


timings = {"padded, two GRUs": time_fwd_bwd(run_padded),
           "packed, nn.GRU(bidirectional=True)": time_fwd_bwd(run_packed)}
for name, seconds in timings.items():
    print(f"{name:36s} {1000 * seconds:7.1f} ms per forward + backward pass "
          f"({len(time_passages)} passages, padded to {Xt.shape[1]})")
