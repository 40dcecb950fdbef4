# expect: fail
# exercise: 1
# what: builds the upper layers with [RNNScratch(h, h)] * (num_layers - 1): one module repeated, so layers 1..L-1 share the same weights (visible from 3 layers on; fewer parameters than nn.RNN)
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
        first = RNNScratch(num_inputs, num_hiddens, sigma)
        upper = [RNNScratch(num_hiddens, num_hiddens, sigma)] * (num_layers - 1)
        self.layers = nn.ModuleList([first] + upper)

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (num_layers, batch_size,
        # num_hiddens)
        X, finals = inputs, []
        for l, layer in enumerate(self.layers):
            X, H = layer(X, state[l:l + 1])
            finals.append(H[0])
        return X, torch.stack(finals)
