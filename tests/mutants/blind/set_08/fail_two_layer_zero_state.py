# expect: fail
# exercise: 1
# what: ignores the given state and starts both layers from zeros
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        bound = 1 / math.sqrt(num_hiddens)
        init = lambda *shape: nn.Parameter(torch.empty(*shape).uniform_(-bound, bound))
        for l, n_in in enumerate((num_inputs, num_hiddens)):
            setattr(self, f"weight_ih_l{l}", init(num_hiddens, n_in))
            setattr(self, f"weight_hh_l{l}", init(num_hiddens, num_hiddens))
            setattr(self, f"bias_ih_l{l}", init(num_hiddens))
            setattr(self, f"bias_hh_l{l}", init(num_hiddens))

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state):
        layer_in, finals = inputs, []
        for l in range(self.num_layers):
            W_ih, W_hh = getattr(self, f"weight_ih_l{l}"), getattr(self, f"weight_hh_l{l}")
            b = getattr(self, f"bias_ih_l{l}") + getattr(self, f"bias_hh_l{l}")
            XW = layer_in @ W_ih.T + b
            H, outs = torch.zeros_like(state[l]), []
            for XW_t in XW:
                H = torch.tanh(XW_t + H @ W_hh.T)
                outs.append(H)
            layer_in = torch.stack(outs)
            finals.append(H)
        return layer_in, torch.stack(finals)
