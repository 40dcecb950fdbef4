# expect: pass
# exercise: 1
# what: registers the RNNScratch layers with add_module(layer0, layer1, ...) and writes the new state into a preallocated tensor
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
        for l in range(num_layers):
            self.add_module(f"layer{l}",
                            RNNScratch(num_inputs if l == 0 else num_hiddens,
                                       num_hiddens, sigma=sigma))

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (num_layers, batch_size,
        # num_hiddens)
        layer_input = inputs
        new_state = torch.empty_like(state)
        for l in range(self.num_layers):
            layer = getattr(self, f"layer{l}")
            layer_input, H_last = layer(layer_input, state[l].unsqueeze(0))
            new_state[l] = H_last[0]
        return layer_input, new_state
