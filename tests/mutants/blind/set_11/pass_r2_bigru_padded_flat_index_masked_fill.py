# expect: pass
# exercise: 2
# what: final states picked from the flattened (B*T, H) outputs with index_select at b*T + lengths-1; padded positions zeroed with masked_fill on the concatenated outputs; timing cell with a helper, warm-up, interleaved rounds and medians, synchronising on CUDA
# %% cell d8c7d968
class BiGRUPadded(nn.Module):
    """A bidirectional GRU on padded batch-first batches, from two one-way GRUs."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        # X: (batch_size, max_len, input_size), padded; lengths: (batch_size,)
        B, T, _ = X.shape
        lengths = torch.as_tensor(lengths, device=X.device).long()
        out_f, _ = self.forward_rnn(X)
        out_b_rev, _ = self.backward_rnn(reverse_padded(X, lengths))
        flat = torch.arange(B, device=X.device) * T + (lengths - 1)
        h_f = out_f.reshape(B * T, -1).index_select(0, flat)
        h_b = out_b_rev.reshape(B * T, -1).index_select(0, flat)
        out_b = reverse_padded(out_b_rev, lengths)
        outputs = torch.cat([out_f, out_b], dim=-1)
        padded = torch.arange(T, device=X.device)[None, :] >= lengths[:, None]
        outputs = outputs.masked_fill(padded[..., None], 0.0)
        return outputs, torch.stack([h_f, h_b])
# %% cell 80e9e3a7
torch.manual_seed(0)
input_size, hidden = 16, 64
padded_layer = BiGRUPadded(input_size, hidden).to(device)
packed_layer = nn.GRU(input_size, hidden, batch_first=True, bidirectional=True).to(device)
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
