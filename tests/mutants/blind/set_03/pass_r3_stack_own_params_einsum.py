# expect: pass
# exercise: 1
# what: no RNNScratch submodules: creates every layer's four parameters itself with nn.Parameter (named like nn.RNN's weight_ih_l{l}, ..., in nn.RNN's order) and runs the recurrence with torch.einsum, one time step at a time
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
        for l in range(num_layers):
            d = num_inputs if l == 0 else num_hiddens
            setattr(self, f"weight_ih_l{l}", nn.Parameter(torch.randn(num_hiddens, d) * sigma))
            setattr(self, f"weight_hh_l{l}",
                    nn.Parameter(torch.randn(num_hiddens, num_hiddens) * sigma))
            setattr(self, f"bias_ih_l{l}", nn.Parameter(torch.zeros(num_hiddens)))
            setattr(self, f"bias_hh_l{l}", nn.Parameter(torch.zeros(num_hiddens)))

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        X, finals = inputs, []
        for l in range(self.num_layers):
            W_ih, W_hh = getattr(self, f"weight_ih_l{l}"), getattr(self, f"weight_hh_l{l}")
            b = getattr(self, f"bias_ih_l{l}") + getattr(self, f"bias_hh_l{l}")
            H, outs = state[l], []
            for X_t in X:
                H = torch.tanh(torch.einsum("bi,hi->bh", X_t, W_ih)
                               + torch.einsum("bj,hj->bh", H, W_hh) + b)
                outs.append(H)
            X = torch.stack(outs)
            finals.append(H)
        return X, torch.stack(finals)
