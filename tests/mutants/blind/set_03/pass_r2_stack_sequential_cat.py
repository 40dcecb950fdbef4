# expect: pass
# exercise: 1
# what: keeps the layers in an nn.Sequential (indexed, never called as a whole), loops with range(self.num_layers) and torch.cat's the (1, B, h) final states
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
        blocks = [RNNScratch(num_inputs, num_hiddens, sigma)]
        for _ in range(1, num_layers):
            blocks.append(RNNScratch(num_hiddens, num_hiddens, sigma))
        self.stack = nn.Sequential(*blocks)

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (num_layers, batch_size,
        # num_hiddens)
        layer_input, last_states = inputs, []
        for l in range(self.num_layers):
            layer_output, H_last = self.stack[l](layer_input, state[l:l + 1])
            last_states.append(H_last)       # (1, batch_size, num_hiddens)
            layer_input = layer_output
        return layer_input, torch.cat(last_states, 0)
