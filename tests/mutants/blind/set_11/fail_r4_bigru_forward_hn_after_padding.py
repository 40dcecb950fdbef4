# expect: fail
# exercise: 2
# what: "the forward direction can run over the padded batch as it is", so it also keeps the forward GRU's own h_n, which is its state after the padding; only the backward final state is picked at lengths - 1 (outputs and masking are right)
# %% cell d8c7d968
class BiGRUPadded(nn.Module):
    """A bidirectional GRU on padded batch-first batches, from two one-way GRUs."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        # X: (batch_size, max_len, input_size), padded; lengths: (batch_size,)
        lengths = torch.as_tensor(lengths, device=X.device)
        out_f, h_f = self.forward_rnn(X)             # padding is on the right: fine
        out_b, _ = self.backward_rnn(reverse_padded(X, lengths))
        rows = torch.arange(X.shape[0], device=X.device)
        h_b = out_b[rows, lengths - 1]
        out_b = reverse_padded(out_b, lengths)
        mask = (torch.arange(X.shape[1], device=X.device)[None, :]
                < lengths[:, None]).unsqueeze(-1)
        outputs = torch.cat([out_f, out_b], dim=-1) * mask
        return outputs, torch.stack([h_f[0], h_b])
