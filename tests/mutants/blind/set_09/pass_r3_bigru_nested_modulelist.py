# expect: pass
# exercise: 2
# what: nested ModuleList (one [fwd, bwd] pair per level, same parameter order), time reversal via a reversed index list, states collected in a preallocated tensor
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
        levels = []
        for l in range(num_layers):
            n_in = num_inputs if l == 0 else 2 * num_hiddens
            levels.append(nn.ModuleList([GRUScratch(n_in, num_hiddens, sigma),
                                         GRUScratch(n_in, num_hiddens, sigma)]))
        self.levels = nn.ModuleList(levels)

    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        T = inputs.shape[0]
        rev = list(range(T - 1, -1, -1))
        new_state = torch.empty_like(state)
        X = inputs
        for l, (fwd, bwd) in enumerate(self.levels):
            out_f, h_f = fwd(X, state[2 * l:2 * l + 1])
            out_b, h_b = bwd(X[rev], state[2 * l + 1:2 * l + 2])
            X = torch.cat([out_f, out_b[rev]], dim=2)
            new_state[2 * l] = h_f[0]
            new_state[2 * l + 1] = h_b[0]
        return X, new_state
