# expect: fail
# exercise: 2
# what: creates each layer's backward GRUScratch before its forward one (and indexes them accordingly), so the parameter order is l0 backward, l0 forward, ... instead of nn.GRU's
# %% cell 09-10
class BiGRUScratch(nn.Module):
    """A multi-layer bidirectional GRU built from GRUScratch; like nn.GRU(...,
    bidirectional=True)."""

    def __init__(self, num_inputs, num_hiddens, num_layers=2, sigma=0.01):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = (
            num_hiddens,
            num_layers,
            True,
        )
        self.cells = nn.ModuleList([
            GRUScratch(num_inputs if l == 0 else 2 * num_hiddens, num_hiddens, sigma)
            for l in range(num_layers) for _direction in range(2)
        ])

    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def _direction(self, k, X, H0, reverse):
        if reverse:
            out, H = self.cells[k](X.flip(0), H0)
            return out.flip(0), H
        return self.cells[k](X, H0)

    def forward(self, inputs, state):
        X, finals = inputs, []
        for l in range(self.num_layers):
            i_b, i_f = 2 * l, 2 * l + 1  # cells: backward, forward per layer
            out_f, H_f = self._direction(i_f, X, state[2 * l:2 * l + 1], reverse=False)
            out_b, H_b = self._direction(i_b, X, state[2 * l + 1:2 * l + 2], reverse=True)
            X = torch.cat((out_f, out_b), dim=2)
            finals += [H_f, H_b]
        return X, torch.cat(finals, dim=0)
