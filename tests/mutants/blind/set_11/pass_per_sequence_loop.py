# expect: pass
# exercise: 2
# what: runs both GRUs on each sequence alone (X[b:b+1, :n]), writes into a zero-filled output, takes each direction's own h_n; slow but exact
# %% cell d8c7d968
class BiGRUPadded(nn.Module):
    """A bidirectional GRU on padded batch-first batches, from two one-way GRUs."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        # X: (batch_size, max_len, input_size), padded; lengths: (batch_size,)
        batch_size, max_len, _ = X.shape
        H = self.forward_rnn.hidden_size
        outputs = X.new_zeros(batch_size, max_len, 2 * H)
        h_f, h_b = [], []
        for b, n in enumerate(torch.as_tensor(lengths).tolist()):
            seq = X[b:b + 1, :n]
            of, hf = self.forward_rnn(seq)
            ob, hb = self.backward_rnn(seq.flip(1))
            outputs[b, :n, :H] = of[0]
            outputs[b, :n, H:] = ob[0].flip(0)
            h_f.append(hf[0, 0])
            h_b.append(hb[0, 0])
        return outputs, torch.stack([torch.stack(h_f), torch.stack(h_b)])
