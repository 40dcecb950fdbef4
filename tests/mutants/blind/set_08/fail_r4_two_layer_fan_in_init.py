# expect: fail
# exercise: 1
# what: initialises each layer like nn.Linear, uniform in +-1/sqrt(fan_in) with fan_in the layer's input width (1/sqrt(num_inputs) for layer 0's input weights), instead of +-1/sqrt(h) for every parameter as the text and torch.nn's RNN do; the forward pass is right
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        for l, n_in in enumerate((num_inputs, num_hiddens)):
            for name, shape, fan_in in (("weight_ih", (num_hiddens, n_in), n_in),
                                        ("weight_hh", (num_hiddens, num_hiddens), num_hiddens),
                                        ("bias_ih", (num_hiddens,), n_in),
                                        ("bias_hh", (num_hiddens,), num_hiddens)):
                bound = 1 / math.sqrt(fan_in)
                setattr(self, f"{name}_l{l}",
                        nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state):
        X, finals = inputs, []
        for l in range(2):
            W_ih, W_hh = getattr(self, f"weight_ih_l{l}"), getattr(self, f"weight_hh_l{l}")
            b = getattr(self, f"bias_ih_l{l}") + getattr(self, f"bias_hh_l{l}")
            H, outs = state[l], []
            for x in X:
                H = torch.tanh(x @ W_ih.T + H @ W_hh.T + b)
                outs.append(H)
            finals.append(H)
            X = torch.stack(outs)
        return X, torch.stack(finals)
