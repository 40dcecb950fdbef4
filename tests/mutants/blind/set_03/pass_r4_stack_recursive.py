# expect: pass
# exercise: 1
# what: recursive structure instead of a ModuleList: one RNNScratch for the bottom layer plus a nested StackedRNNScratch of num_layers - 1 layers for the rest (None for one layer); forward runs the bottom on state[:1], the rest on state[1:], and concatenates the final states (parameter order stays layer 0, layer 1, ...)
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
        self.bottom = RNNScratch(num_inputs, num_hiddens, sigma)
        # the layers above the bottom one form a stack of their own
        self.above = (StackedRNNScratch(num_hiddens, num_hiddens, num_layers - 1, sigma)
                      if num_layers > 1 else None)

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (num_layers, batch_size,
        # num_hiddens)
        outputs, H_bottom = self.bottom(inputs, state[:1])
        if self.above is None:
            return outputs, H_bottom
        outputs, H_above = self.above(outputs, state[1:])
        return outputs, torch.cat([H_bottom, H_above], dim=0)
