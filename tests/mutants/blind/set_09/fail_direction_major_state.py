# expect: fail
# exercise: 2
# what: reads and writes the state direction-major (all forward layers, then all backward: index l and num_layers + l) instead of nn.GRU's l0 fwd, l0 bwd, l1 fwd, ...
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
        L = self.num_layers
        X, fwd_states, bwd_states = inputs, [], []
        for l in range(L):
            fwd, bwd = self.layers[2 * l], self.layers[2 * l + 1]
            out_f, h_f = fwd(X, state[l:l + 1])
            out_b, h_b = bwd(torch.flip(X, [0]), state[L + l:L + l + 1])
            X = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
            fwd_states.append(h_f)
            bwd_states.append(h_b)
        return X, torch.cat(fwd_states + bwd_states, dim=0)
