# expect: fail
# exercise: 2
# what: takes each direction's final state as the last row of the (flipped-back) output sequence, which for the backward direction is its state after its FIRST step, not its final one
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
        self.layers = nn.ModuleList()
        for l in range(num_layers):
            n_in = num_inputs if l == 0 else 2 * num_hiddens
            self.layers.append(GRUScratch(n_in, num_hiddens, sigma))
            self.layers.append(GRUScratch(n_in, num_hiddens, sigma))

    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        X, finals = inputs, []
        for l in range(self.num_layers):
            fwd, bwd = self.layers[2 * l], self.layers[2 * l + 1]
            out_f, _ = fwd(X, state[2 * l:2 * l + 1])
            out_b, _ = bwd(torch.flip(X, [0]), state[2 * l + 1:2 * l + 2])
            X = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
            finals += [X[-1, :, :self.hidden_size], X[-1, :, self.hidden_size:]]
        return X, torch.stack(finals)
