# expect: fail
# exercise: 2
# what: adds dropout (p=0.2) on the concatenated outputs between levels "as deep RNNs do", but nn.GRU's default is dropout=0, so in training mode the layer is not interchangeable with nn.GRU (outputs and gradients differ)
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
            width = num_inputs if l == 0 else 2 * num_hiddens
            self.layers.append(GRUScratch(width, num_hiddens, sigma))
            self.layers.append(GRUScratch(width, num_hiddens, sigma))
        self.dropout = nn.Dropout(0.2)

    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        X, finals = inputs, []
        for l in range(self.num_layers):
            if l > 0:
                X = self.dropout(X)  # regularise between stacked levels
            out_f, H_f = self.layers[2 * l](X, state[2 * l:2 * l + 1])
            out_b, H_b = self.layers[2 * l + 1](torch.flip(X, [0]),
                                                state[2 * l + 1:2 * l + 2])
            X = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
            finals += [H_f, H_b]
        return X, torch.cat(finals, dim=0)
