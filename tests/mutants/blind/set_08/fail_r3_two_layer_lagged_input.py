# expect: fail
# exercise: 1
# what: wavefront with an off-by-one: layer 1 at step t reads layer 0's state from step t-1 (updated after layer 1)
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        b = 1 / math.sqrt(num_hiddens)
        for l, n_in in enumerate((num_inputs, num_hiddens)):
            setattr(self, f"weight_ih_l{l}", nn.Parameter(torch.empty(num_hiddens, n_in).uniform_(-b, b)))
            setattr(self, f"weight_hh_l{l}", nn.Parameter(torch.empty(num_hiddens, num_hiddens).uniform_(-b, b)))
            setattr(self, f"bias_ih_l{l}", nn.Parameter(torch.empty(num_hiddens).uniform_(-b, b)))
            setattr(self, f"bias_hh_l{l}", nn.Parameter(torch.empty(num_hiddens).uniform_(-b, b)))

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state):
        H0, H1 = state[0], state[1]
        outputs = []
        for x in inputs:
            H1 = torch.tanh(H0 @ self.weight_ih_l1.T + self.bias_ih_l1
                            + H1 @ self.weight_hh_l1.T + self.bias_hh_l1)
            H0 = torch.tanh(x @ self.weight_ih_l0.T + self.bias_ih_l0
                            + H0 @ self.weight_hh_l0.T + self.bias_hh_l0)
            outputs.append(H1)
        return torch.stack(outputs), torch.stack([H0, H1])
