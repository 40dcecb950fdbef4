# expect: pass
# exercise: 1
# what: explicit attribute names, both layers advanced inside one time loop (layer 1 reads layer 0's fresh state at the same step), outputs preallocated
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        k = num_hiddens ** -0.5
        u = lambda *s: nn.Parameter(torch.empty(*s).uniform_(-k, k))
        self.weight_ih_l0 = u(num_hiddens, num_inputs)
        self.weight_hh_l0 = u(num_hiddens, num_hiddens)
        self.bias_ih_l0 = u(num_hiddens)
        self.bias_hh_l0 = u(num_hiddens)
        self.weight_ih_l1 = u(num_hiddens, num_hiddens)
        self.weight_hh_l1 = u(num_hiddens, num_hiddens)
        self.bias_ih_l1 = u(num_hiddens)
        self.bias_hh_l1 = u(num_hiddens)

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state):
        T, B = inputs.shape[:2]
        h0, h1 = state[0], state[1]
        out = inputs.new_empty(T, B, self.hidden_size)
        for t in range(T):
            h0 = torch.tanh(inputs[t] @ self.weight_ih_l0.T + self.bias_ih_l0
                            + h0 @ self.weight_hh_l0.T + self.bias_hh_l0)
            h1 = torch.tanh(h0 @ self.weight_ih_l1.T + self.bias_ih_l1
                            + h1 @ self.weight_hh_l1.T + self.bias_hh_l1)
            out[t] = h1
        return out, torch.stack([h0, h1])
