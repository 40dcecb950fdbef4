# expect: fail
# exercise: 1
# what: keeps a torch nn.RNN(num_layers=...) in __init__ and calls it: not a from-scratch stack
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
        # nn.RNN with num_layers already is a stack of tanh layers
        self.rnn = nn.RNN(num_inputs, num_hiddens, num_layers=num_layers)

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (num_layers, batch_size,
        # num_hiddens)
        return self.rnn(inputs, state)
