# expect: pass
# exercise: 2
# what: gate blocks split with .chunk(2, dim=-1), input products via torch.addmm on the flattened inputs, outputs written into a preallocated tensor (new_empty) instead of a list, shared step helper in the base class
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

    def run(self, inputs, state, step):
        num_steps, batch_size, num_inputs = inputs.shape
        gi = torch.addmm(self.bias_ih_l0, inputs.reshape(-1, num_inputs),
                         self.weight_ih_l0.t()).view(num_steps, batch_size, -1)
        H = state[0]
        out = H.new_empty(num_steps, batch_size, self.hidden_size)
        for t in range(num_steps):
            gh = torch.addmm(self.bias_hh_l0, H, self.weight_hh_l0.t())
            H = step(gi[t].chunk(2, dim=-1), gh.chunk(2, dim=-1), H)
            out[t] = H
        return out, H[None]


class GRUResetOnly(TwoBlockGRU):
    """A GRU without update gate: h_t = n_t; parameter blocks [r, n]."""

    def forward(self, inputs, state):
        def step(gi, gh, H):
            (i_r, i_n), (h_r, h_n) = gi, gh
            reset = torch.sigmoid(i_r + h_r)
            return torch.tanh(i_n + reset * h_n)
        return self.run(inputs, state, step)


class GRUUpdateOnly(TwoBlockGRU):
    """A GRU without reset gate: n_t uses all of h_{t-1}; parameter blocks [z, n]."""

    def forward(self, inputs, state):
        def step(gi, gh, H):
            (i_z, i_n), (h_z, h_n) = gi, gh
            update = torch.sigmoid(i_z + h_z)
            cand = torch.tanh(i_n + h_n)
            return torch.lerp(cand, H, update)       # (1 - z) * n + z * h
        return self.run(inputs, state, step)
