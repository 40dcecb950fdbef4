# expect: fail
# exercise: 1
# what: collects the final states with states.insert(0, H) while going up, so the returned state has the TOP layer in slot 0 and layer 0 last; the next minibatch then starts each layer from another layer's state
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
        self.layers = nn.ModuleList(
            [RNNScratch(num_inputs if l == 0 else num_hiddens, num_hiddens, sigma)
             for l in range(num_layers)])

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        X, finals = inputs, []
        for l, layer in enumerate(self.layers):
            X, H = layer(X, state[l:l + 1])
            finals.insert(0, H)
        return X, torch.cat(finals, dim=0)
