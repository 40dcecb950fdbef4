# expect: fail
# exercise: 1
# what: every layer starts from state[0:1] (layer 0's slice) instead of its own state[l:l+1]
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
        outputs, finals = inputs, []
        for layer in self.layers:
            outputs, H = layer(outputs, state[0:1])  # start state of the layer
            finals.append(H)
        return outputs, torch.cat(finals, dim=0)
