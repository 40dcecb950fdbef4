# expect: pass
# exercise: 2
# what: forward direction on the padded batch as it is, backward direction run sequence by sequence on each row's real part flipped (no reverse_padded, no packing), outputs assembled into a zero tensor
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
        out_f, _ = self.forward_rnn(X)
        H = out_f.shape[-1]
        outputs = X.new_zeros(B, T, 2 * H)
        h_f, h_b = [], []
        for b in range(B):
            n = int(lengths[b])
            outputs[b, :n, :H] = out_f[b, :n]
            h_f.append(out_f[b, n - 1])
            ob, hb = self.backward_rnn(X[b:b + 1, :n].flip(1))
            outputs[b, :n, H:] = ob[0].flip(0)
            h_b.append(hb[0, 0])
        return outputs, torch.stack([torch.stack(h_f), torch.stack(h_b)])
