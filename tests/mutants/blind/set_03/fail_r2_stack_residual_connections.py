# expect: fail
# exercise: 1
# what: adds a residual connection: layer l >= 1 outputs H^(l) + H^(l-1), which the stated recurrence (and nn.RNN) does not have
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
        # inputs: (num_steps, batch_size, num_inputs); state: (num_layers, batch_size,
        # num_hiddens)
        X, new_state = inputs, []
        for l, layer in enumerate(self.layers):
            Y, H = layer(X, state[l:l + 1])
            if l > 0:  # skip connection helps deep stacks
                Y = Y + X
            new_state.append(H)
            X = Y
        return X, torch.cat(new_state, dim=0)
