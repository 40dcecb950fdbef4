# expect: fail
# exercise: 2
# what: takes each direction's final state from the flipped-back output at the last time step; for the backward direction that is the state after reading x_T only
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
        layers = []
        for l in range(num_layers):
            size = num_inputs if l == 0 else 2 * num_hiddens
            layers.append(GRUScratch(size, num_hiddens, sigma))  # forward
            layers.append(GRUScratch(size, num_hiddens, sigma))  # backward
        self.layers = nn.ModuleList(layers)


    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        X, finals = inputs, []
        for l in range(self.num_layers):
            fwd, bwd = self.layers[2 * l], self.layers[2 * l + 1]
            out_f, _ = fwd(X, state[2 * l:2 * l + 1])
            out_b, _ = bwd(torch.flip(X, [0]), state[2 * l + 1:2 * l + 2])
            X = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
            h = self.hidden_size
            finals += [X[-1:, :, :h], X[-1:, :, h:]]   # the state at the last step
        return X, torch.cat(finals, dim=0)
