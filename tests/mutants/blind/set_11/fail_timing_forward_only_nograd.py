# expect: fail
# exercise: 2
# what: times only the forward pass under torch.no_grad() (no backward pass) although the text asks for a forward and a backward pass each
# %% cell 80e9e3a7
torch.manual_seed(0)
time_passages, _ = classify.sample_passages(train_parts, 100, min_len, max_len,
                                            torch.Generator().manual_seed(0))
Xt, lengths_t = classify.pad_batch(time_passages, pad)
emb = nn.Embedding(len(vocab), 16).to(device)
inputs = emb(Xt.to(device)).detach()
padded_layer = BiGRUPadded(16, 64).to(device)
packed_layer = nn.GRU(16, 64, batch_first=True, bidirectional=True).to(device)

timings = {}
with torch.no_grad():
    start = time.perf_counter()
    padded_layer(inputs, lengths_t.to(device))
    timings["padded, two GRUs"] = time.perf_counter() - start
    start = time.perf_counter()
    packed = pack_padded_sequence(inputs, lengths_t.cpu(), batch_first=True,
                                  enforce_sorted=False)
    packed_layer(packed)
    timings["packed, nn.GRU(bidirectional=True)"] = time.perf_counter() - start
for name, seconds in timings.items():
    print(f"{name:36s} {1000 * seconds:7.1f} ms")
