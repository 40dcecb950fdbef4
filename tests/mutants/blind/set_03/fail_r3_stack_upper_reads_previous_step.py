# expect: fail
# exercise: 1
# what: each upper layer reads the layer below's output of the PREVIOUS time step (the lower outputs shifted by one, led by the lower layer's initial state), H^(l-1)_{t-1} instead of H^(l-1)_t
# %% cell 03-05
class StackedRNNScratch(nn.Module):
    """num_layers RNNScratch layers, each reading the outputs of the one below; like
    nn.RNN(num_layers=...)."""

    def __init__(self, num_inputs, num_hiddens, num_layers=2, sigma=0.01):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = (
            num_hiddens,
            num_layers,
            False,
        )
        self.layers = nn.ModuleList()
        for l in range(num_layers):
            self.layers.append(RNNScratch(num_inputs if l == 0 else num_hiddens,
                                          num_hiddens, sigma))

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        X, finals = inputs, []
        for l, layer in enumerate(self.layers):
            if l > 0:
                # the layer below's state entering each step
                X = torch.cat([state[l - 1:l], X[:-1]], dim=0)
            X, H = layer(X, state[l:l + 1])
            finals.append(H)
        return X, torch.cat(finals, dim=0)
