# expect: fail
# exercise: 1
# what: keeps the RNNScratch layers in a plain Python list (self.layers = [...]), so their parameters are not registered: net.parameters() is empty for the stack, the optimizer never trains it and copying weights into it does nothing
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
        self.layers = [RNNScratch(num_inputs if l == 0 else num_hiddens, num_hiddens, sigma)
                       for l in range(num_layers)]

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        X, finals = inputs, []
        for l, layer in enumerate(self.layers):
            layer.to(inputs.device)
            X, H = layer(X, state[l:l + 1])
            finals.append(H)
        return X, torch.cat(finals, dim=0)
