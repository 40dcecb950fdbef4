# expect: fail
# exercise: 2
# what: returns the two GRUs' own h_n, which are the states after running over the padding, not after x_{lengths[b]} / x_1
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
        out_f, h_f = self.forward_rnn(X)
        out_b, h_b = self.backward_rnn(reverse_padded(X, lengths))
        mask = (torch.arange(max_len, device=X.device)[None, :] < lengths[:, None])
        outputs = torch.cat([out_f, reverse_padded(out_b, lengths)], dim=-1)
        return outputs * mask.unsqueeze(-1).to(outputs.dtype), torch.cat([h_f, h_b])
