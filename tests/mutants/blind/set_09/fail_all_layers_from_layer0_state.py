# expect: fail
# exercise: 2
# what: every layer starts from the layer-0 states state[0] and state[1] instead of its own slice 2*l, 2*l+1
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
        H_f0, H_b0 = state[0:1], state[1:2]
        X, finals = inputs, []
        for l in range(self.num_layers):
            fwd, bwd = self.layers[2 * l], self.layers[2 * l + 1]
            out_f, h_f = fwd(X, H_f0)
            out_b, h_b = bwd(torch.flip(X, [0]), H_b0)
            X = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
            finals += [h_f, h_b]
        return X, torch.cat(finals, dim=0)
