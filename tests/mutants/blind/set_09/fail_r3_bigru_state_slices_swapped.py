# expect: fail
# exercise: 2
# what: reads the state as [all forward layers, then all backward layers] (slice l for forward, num_layers + l for backward) instead of nn.GRU's interleaved l0 fwd, l0 bwd, l1 fwd, ...
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
        L = self.num_layers
        X, f_states, b_states = inputs, [], []
        for l in range(L):
            fwd, bwd = self.layers[2 * l], self.layers[2 * l + 1]
            out_f, h_f = fwd(X, state[l:l + 1])
            out_b, h_b = bwd(torch.flip(X, [0]), state[L + l:L + l + 1])
            X = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
            f_states.append(h_f)
            b_states.append(h_b)
        return X, torch.cat(f_states + b_states)
