# expect: fail
# exercise: 1
# what: typo in the helper: the recurrent weight is always weight_hh_l0, so layer 1 recurs with layer 0's W_hh (weight_hh_l1 is registered but unused)
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        bound = 1.0 / math.sqrt(num_hiddens)
        for l, in_size in enumerate((num_inputs, num_hiddens)):
            for name, shape in (("weight_ih", (num_hiddens, in_size)),
                                ("weight_hh", (num_hiddens, num_hiddens)),
                                ("bias_ih", (num_hiddens,)),
                                ("bias_hh", (num_hiddens,))):
                setattr(self, f"{name}_l{l}",
                        nn.Parameter(torch.empty(*shape).uniform_(-bound, bound)))

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def _run_layer(self, l, X, H):
        W_ih, W_hh = getattr(self, f"weight_ih_l{l}"), getattr(self, "weight_hh_l0")
        b = getattr(self, f"bias_ih_l{l}") + getattr(self, f"bias_hh_l{l}")
        out = X.new_empty(X.shape[0], X.shape[1], self.hidden_size)
        for t in range(X.shape[0]):
            H = torch.tanh(torch.addmm(b, X[t], W_ih.T) + H @ W_hh.T)
            out[t] = H
        return out, H

    def forward(self, inputs, state):
        finals, X = [], inputs
        for l in range(self.num_layers):
            X, H = self._run_layer(l, X, state[l])
            finals.append(H)
        return X, torch.stack(finals)
