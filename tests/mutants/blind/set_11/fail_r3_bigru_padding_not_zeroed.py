# expect: fail
# exercise: 2
# what: everything right except the padded positions of the outputs, which keep the GRUs' values instead of zeros
# %% cell d8c7d968
class BiGRUPadded(nn.Module):
    """A bidirectional GRU on padded batch-first batches, from two one-way GRUs."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        # X: (batch_size, max_len, input_size), padded; lengths: (batch_size,)
        B = X.shape[0]
        lengths = torch.as_tensor(lengths, device=X.device)
        rows = torch.arange(B, device=X.device)
        out_f, _ = self.forward_rnn(X)
        out_b, _ = self.backward_rnn(reverse_padded(X, lengths))
        h_n = torch.stack([out_f[rows, lengths - 1], out_b[rows, lengths - 1]])
        outputs = torch.cat([out_f, reverse_padded(out_b, lengths)], dim=-1)
        return outputs, h_n
