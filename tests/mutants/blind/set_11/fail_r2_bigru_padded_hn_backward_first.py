# expect: fail
# exercise: 2
# what: stacks the final states as [backward, forward] instead of nn.GRU's [forward, backward]
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
        return outputs, torch.stack([h_b, h_f])
