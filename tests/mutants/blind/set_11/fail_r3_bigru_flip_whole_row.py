# expect: fail
# exercise: 2
# what: backward direction on torch.flip(X, [1]) (whole row, so it reads the padding first) and its outputs flipped back the same way; h_n backward is its last output
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
        lengths = torch.as_tensor(lengths, device=X.device)
        rows = torch.arange(B, device=X.device)
        out_f, _ = self.forward_rnn(X)
        out_b, h_b = self.backward_rnn(torch.flip(X, [1]))
        out_b = torch.flip(out_b, [1])
        mask = (torch.arange(T, device=X.device)[None, :] < lengths[:, None]).unsqueeze(-1)
        outputs = torch.cat([out_f, out_b], dim=-1) * mask
        h_n = torch.stack([out_f[rows, lengths - 1], h_b[0]])
        return outputs, h_n
