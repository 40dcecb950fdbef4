# expect: pass
# exercise: 2
# what: runs each recurrence in float64 (parameters and inputs cast with .double() once per call, gradient flows back through the casts) and casts outputs and state back to the input's dtype; gate rows taken with narrow(); outputs collected with torch.stack
# %% cell 8a19f2ed
class TwoBlockGRU(nn.Module):
    """Shared parts of the one-gate variants: parameters laid out like nn.GRU's, with
    two blocks."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size = num_hiddens
        bound = num_hiddens ** -0.5
        init = lambda *shape: nn.Parameter(torch.empty(*shape).uniform_(-bound, bound))
        self.weight_ih_l0 = init(2 * num_hiddens, num_inputs)
        self.weight_hh_l0 = init(2 * num_hiddens, num_hiddens)
        self.bias_ih_l0 = init(2 * num_hiddens)
        self.bias_hh_l0 = init(2 * num_hiddens)

    def _double_params(self):
        return (self.weight_ih_l0.double(), self.weight_hh_l0.double(),
                self.bias_ih_l0.double(), self.bias_hh_l0.double())


class GRUResetOnly(TwoBlockGRU):
    """A GRU without update gate: h_t = n_t; parameter blocks [r, n]."""

    def forward(self, inputs, state):
        h = self.hidden_size
        W_ih, W_hh, b_ih, b_hh = self._double_params()
        XW = inputs.double() @ W_ih.T + b_ih          # all input products at once
        H = state[0].double()
        outputs = []
        for t in range(XW.shape[0]):
            HW = H @ W_hh.T + b_hh
            r = torch.sigmoid(XW[t].narrow(-1, 0, h) + HW.narrow(-1, 0, h))
            H = torch.tanh(XW[t].narrow(-1, h, h) + r * HW.narrow(-1, h, h))
            outputs.append(H)
        out = torch.stack(outputs).to(inputs.dtype)
        return out, H.unsqueeze(0).to(inputs.dtype)


class GRUUpdateOnly(TwoBlockGRU):
    """A GRU without reset gate: n_t uses all of h_{t-1}; parameter blocks [z, n]."""

    def forward(self, inputs, state):
        h = self.hidden_size
        W_ih, W_hh, b_ih, b_hh = self._double_params()
        XW = inputs.double() @ W_ih.T + b_ih + b_hh   # no reset gate: both biases up front
        H = state[0].double()
        outputs = []
        for t in range(XW.shape[0]):
            pre = XW[t] + H @ W_hh.T
            z = torch.sigmoid(pre.narrow(-1, 0, h))
            n = torch.tanh(pre.narrow(-1, h, h))
            H = (1 - z) * n + z * H
            outputs.append(H)
        out = torch.stack(outputs).to(inputs.dtype)
        return out, H.unsqueeze(0).to(inputs.dtype)
