# expect: pass
# exercise: 2
# what: reads the backward final state at position 0 of the un-reversed backward outputs (same entry as lengths-1 before reversal), mask applied with torch.where
# %% cell d8c7d968
class BiGRUPadded(nn.Module):
    """A bidirectional GRU on padded batch-first batches, from two one-way GRUs."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        # X: (batch_size, max_len, input_size), padded; lengths: (batch_size,)
        lengths = torch.as_tensor(lengths).to(X.device).long()
        batch_size, max_len, _ = X.shape
        rows = torch.arange(batch_size, device=X.device)
        out_f, _ = self.forward_rnn(X)
        out_b, _ = self.backward_rnn(reverse_padded(X, lengths))
        out_b = reverse_padded(out_b, lengths)          # row t belongs to position t
        mask = (torch.arange(max_len, device=X.device)[None, :, None]
                < lengths[:, None, None])
        outputs = torch.where(mask, torch.cat((out_f, out_b), dim=2),
                              torch.zeros((), device=X.device, dtype=X.dtype))
        h_n = torch.stack((out_f[rows, lengths - 1], out_b[:, 0]), dim=0)
        return outputs, h_n
