# expect: pass
# exercise: 1
# what: splits the state with state.split(1), zips layers with their slices, and torch.stack's the squeezed final states
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
        sizes = [num_inputs] + [num_hiddens] * (num_layers - 1)
        self.layers = nn.ModuleList()
        for n_in in sizes:
            self.layers.append(RNNScratch(n_in, num_hiddens, sigma))

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (num_layers, batch_size,
        # num_hiddens)
        per_layer_state = state.split(1, dim=0)  # num_layers tensors (1, B, H)
        finals = []
        for layer, H0 in zip(self.layers, per_layer_state):
            inputs, H_T = layer(inputs, H0)
            finals.append(H_T.squeeze(0))
        return inputs, torch.stack(finals)
