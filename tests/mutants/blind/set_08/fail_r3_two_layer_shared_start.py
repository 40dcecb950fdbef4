# expect: fail
# exercise: 1
# what: both layers start from state[0]: layer 1 ignores its own initial state row state[1]
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
        X, finals = inputs, []
        for l in range(2):
            H = state[0]
            W_ih, W_hh = getattr(self, f"weight_ih_l{l}"), getattr(self, f"weight_hh_l{l}")
            b_ih, b_hh = getattr(self, f"bias_ih_l{l}"), getattr(self, f"bias_hh_l{l}")
            outs = []
            for x in X:
                H = torch.tanh(x @ W_ih.T + b_ih + H @ W_hh.T + b_hh)
                outs.append(H)
            X = torch.stack(outs)
            finals.append(H)
        return X, torch.stack(finals)
