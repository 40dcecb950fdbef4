# expect: fail
# exercise: 2
# what: initialises with a normal distribution of standard deviation 1/sqrt(h) (torch.randn * bound) instead of uniform in +-1/sqrt(h): same scale word, other distribution (values beyond the bound, larger spread)
# %% cell 8a19f2ed
class TwoBlockGRU(nn.Module):
    """Shared parts of the one-gate variants: parameters laid out like nn.GRU's, with
    two blocks."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size = num_hiddens
        bound = num_hiddens ** -0.5
        init = lambda *shape: nn.Parameter(torch.randn(*shape) * bound)   # scale 1/sqrt(h)
        self.weight_ih_l0 = init(2 * num_hiddens, num_inputs)
        self.weight_hh_l0 = init(2 * num_hiddens, num_hiddens)
        self.bias_ih_l0 = init(2 * num_hiddens)
        self.bias_hh_l0 = init(2 * num_hiddens)


class GRUResetOnly(TwoBlockGRU):
    """A GRU without update gate: h_t = n_t; parameter blocks [r, n]."""

    def forward(self, inputs, state):
        h = self.hidden_size
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0      # (T, B, 2h)
        H, outputs = state[0], []
        for xw in XW:
            hw = H @ self.weight_hh_l0.T + self.bias_hh_l0
            r = torch.sigmoid(xw[:, :h] + hw[:, :h])
            H = torch.tanh(xw[:, h:] + r * hw[:, h:])
            outputs.append(H)
        return torch.stack(outputs), H.unsqueeze(0)


class GRUUpdateOnly(TwoBlockGRU):
    """A GRU without reset gate: n_t uses all of h_{t-1}; parameter blocks [z, n]."""

    def forward(self, inputs, state):
        h = self.hidden_size
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0      # (T, B, 2h)
        H, outputs = state[0], []
        for xw in XW:
            hw = H @ self.weight_hh_l0.T + self.bias_hh_l0
            z = torch.sigmoid(xw[:, :h] + hw[:, :h])
            n = torch.tanh(xw[:, h:] + hw[:, h:])
            H = (1 - z) * n + z * H
            outputs.append(H)
        return torch.stack(outputs), H.unsqueeze(0)
