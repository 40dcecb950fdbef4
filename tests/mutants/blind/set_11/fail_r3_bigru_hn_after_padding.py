# expect: fail
# exercise: 2
# what: takes h_n straight from the two GRUs' own final states, i.e. after running through the padding (last padded position), instead of at index lengths-1
# %% cell d8c7d968
class BiGRUPadded(nn.Module):
    """A bidirectional GRU on padded batch-first batches, from two one-way GRUs."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        # X: (batch_size, max_len, input_size), padded; lengths: (batch_size,)
        T = X.shape[1]
        lengths = torch.as_tensor(lengths, device=X.device)
        out_f, h_f = self.forward_rnn(X)
        out_b, h_b = self.backward_rnn(reverse_padded(X, lengths))
        out_b = reverse_padded(out_b, lengths)
        mask = (torch.arange(T, device=X.device)[None, :] < lengths[:, None]).unsqueeze(-1)
        outputs = torch.cat([out_f, out_b], dim=-1) * mask
        return outputs, torch.cat([h_f, h_b], dim=0)
