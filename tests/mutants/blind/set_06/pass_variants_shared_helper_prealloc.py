# expect: pass
# exercise: 2
# what: one shared _scan helper in the base class with row slicing and torch.addmm, outputs written into a preallocated tensor; update written as n + z * (h - n)
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

    def _scan(self, inputs, state, step):
        h = self.hidden_size
        T, B = inputs.shape[0], inputs.shape[1]
        gate_in = inputs @ self.weight_ih_l0[:h].T + self.bias_ih_l0[:h]
        cand_in = inputs @ self.weight_ih_l0[h:].T + self.bias_ih_l0[h:]
        W_g, W_n = self.weight_hh_l0[:h].T, self.weight_hh_l0[h:].T
        b_g, b_n = self.bias_hh_l0[:h], self.bias_hh_l0[h:]
        outputs = inputs.new_empty(T, B, h)
        H = state[0]
        for t in range(T):
            gate = torch.sigmoid(gate_in[t] + torch.addmm(b_g, H, W_g))
            rec = torch.addmm(b_n, H, W_n)
            H = step(gate, cand_in[t], rec, H)
            outputs[t] = H
        return outputs, H[None]


class GRUResetOnly(TwoBlockGRU):
    """A GRU without update gate: h_t = n_t; parameter blocks [r, n]."""

    def forward(self, inputs, state):
        return self._scan(inputs, state, lambda r, x_n, h_n, H: torch.tanh(x_n + r * h_n))


class GRUUpdateOnly(TwoBlockGRU):
    """A GRU without reset gate: n_t uses all of h_{t-1}; parameter blocks [z, n]."""

    def forward(self, inputs, state):
        def step(z, x_n, h_n, H):
            n = torch.tanh(x_n + h_n)
            return n + z * (H - n)
        return self._scan(inputs, state, step)
