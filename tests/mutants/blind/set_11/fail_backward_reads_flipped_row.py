# expect: fail
# exercise: 2
# what: backward GRU reads X.flip(1) (the whole padded row reversed), so it reads the padding before the real tokens
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
        out_b, h_b = self.backward_rnn(X.flip(1))
        out_b = out_b.flip(1)
        h_n = torch.stack([out_f[rows, lengths - 1], h_b[0]])
        mask = (torch.arange(max_len, device=X.device)[None, :] < lengths[:, None])
        outputs = torch.cat([out_f, out_b], dim=-1)
        return outputs * mask.unsqueeze(-1).to(outputs.dtype), h_n
