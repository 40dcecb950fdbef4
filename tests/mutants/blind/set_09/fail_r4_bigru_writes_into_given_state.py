# expect: fail
# exercise: 2
# what: "preallocates" the new state as new_state = state (an alias, not a copy) and writes each final state into it, so the caller's initial state tensor is overwritten with the final states (outputs are right)
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
        self.layers = nn.ModuleList(
            GRUScratch(num_inputs if l == 0 else 2 * num_hiddens, num_hiddens, sigma)
            for l in range(num_layers) for _ in range(2))

    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        new_state = state  # same shape as the initial state, filled in below
        X = inputs
        for l in range(self.num_layers):
            h0_f = state[2 * l:2 * l + 1].clone()
            h0_b = state[2 * l + 1:2 * l + 2].clone()
            out_f, H_f = self.layers[2 * l](X, h0_f)
            out_b, H_b = self.layers[2 * l + 1](torch.flip(X, [0]), h0_b)
            X = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
            new_state[2 * l] = H_f[0]
            new_state[2 * l + 1] = H_b[0]
        return X, new_state
