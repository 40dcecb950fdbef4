# expect: pass
# exercise: 2
# what: no reverse_padded and no gather: the batch is split into groups of sequences of equal length; each group runs both GRUs on its real part only (backward on the part flipped in time), outputs are written into a zero tensor and h_n comes from the GRUs' own final states of each group
# %% cell d8c7d968
class BiGRUPadded(nn.Module):
    """A bidirectional GRU on padded batch-first batches, from two one-way GRUs."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        # X: (batch_size, max_len, input_size), padded; lengths: (batch_size,)
        lengths = torch.as_tensor(lengths).to(X.device)
        batch_size, max_len, _ = X.shape
        H = self.forward_rnn.hidden_size
        outputs = X.new_zeros(batch_size, max_len, 2 * H)
        h_n = X.new_zeros(2, batch_size, H)
        for n in torch.unique(lengths).tolist():
            idx = torch.nonzero(lengths == n).flatten()
            part = X[idx, :n]                                # (group, n, input_size)
            out_f, h_f = self.forward_rnn(part)
            out_b, h_b = self.backward_rnn(part.flip(1))
            outputs[idx, :n] = torch.cat([out_f, out_b.flip(1)], dim=-1)
            h_n[0, idx] = h_f[0]
            h_n[1, idx] = h_b[0]
        return outputs, h_n
