# expect: pass
# exercise: 2
# what: final states by gather along time at lengths-1, padding zeroed with masked_fill on the concatenated outputs, h_n built with torch.stack
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
        H = out_f.shape[-1]
        last = (lengths - 1).view(B, 1, 1).expand(B, 1, H)
        h_f = out_f.gather(1, last).squeeze(1)
        h_b = out_b_rev.gather(1, last).squeeze(1)
        out_b = reverse_padded(out_b_rev, lengths)
        outputs = torch.cat((out_f, out_b), dim=2)
        pad_mask = torch.arange(T, device=X.device)[None, :] >= lengths[:, None]
        outputs = outputs.masked_fill(pad_mask.unsqueeze(-1), 0.0)
        return outputs, torch.stack((h_f, h_b), dim=0)
