# expect: fail
# exercise: 2
# what: "the backward pass picks up where the forward one ended": each level's backward GRUScratch starts from that level's forward FINAL state instead of its own initial state slice state[2l + 1]
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
            width = num_inputs if l == 0 else 2 * num_hiddens
            layers.append(GRUScratch(width, num_hiddens, sigma))  # forward
            layers.append(GRUScratch(width, num_hiddens, sigma))  # backward
        self.layers = nn.ModuleList(layers)

    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        X, new_state = inputs, []
        for l in range(self.num_layers):
            fwd, bwd = self.layers[2 * l], self.layers[2 * l + 1]
            out_f, H_f = fwd(X, state[2 * l:2 * l + 1])
            # the backward direction continues from where the forward one stopped
            out_b, H_b = bwd(torch.flip(X, [0]), H_f)
            X = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
            new_state += [H_f, H_b]
        return X, torch.cat(new_state, dim=0)
