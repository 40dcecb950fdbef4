# expect: fail
# exercise: 2
# what: cheats: keeps a fused nn.GRU(bidirectional=True) in __init__ and calls it in forward instead of building from GRUScratch layers
# %% cell 09-10
class BiGRUScratch(nn.Module):
    """A multi-layer bidirectional GRU built from GRUScratch; like nn.GRU(...,
    bidirectional=True)."""

    def __init__(self, num_inputs, num_hiddens, num_layers=2, sigma=0.01):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = (
            num_hiddens,
            num_layers,
            True,
        )
        self.rnn = nn.GRU(num_inputs, num_hiddens, num_layers=num_layers,
                          bidirectional=True)


    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        return self.rnn(inputs, state)
