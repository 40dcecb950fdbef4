# expect: fail
# exercise: 2
# what: GRUResetOnly leaves out the recurrent bias of the candidate: n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1})) with b_hn never added (b_hr is used in the gate); GRUUpdateOnly is right
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


class GRUResetOnly(TwoBlockGRU):
    """A GRU without update gate: h_t = n_t; parameter blocks [r, n]."""

    def forward(self, inputs, state):
        h = self.hidden_size
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0
        b_hr = self.bias_hh_l0[:h]
        H, outputs = state[0], []
        for XW_t in XW:
            HW = H @ self.weight_hh_l0.T
            r = torch.sigmoid(XW_t[:, :h] + HW[:, :h] + b_hr)
            H = torch.tanh(XW_t[:, h:] + r * HW[:, h:])
            outputs.append(H)
        return torch.stack(outputs), H.unsqueeze(0)


class GRUUpdateOnly(TwoBlockGRU):
    """A GRU without reset gate: n_t uses all of h_{t-1}; parameter blocks [z, n]."""

    def forward(self, inputs, state):
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0
        H, outputs = state[0], []
        for XW_t in XW:
            x_z, x_n = XW_t.chunk(2, dim=-1)
            h_z, h_n = (H @ self.weight_hh_l0.T + self.bias_hh_l0).chunk(2, dim=-1)
            z = torch.sigmoid(x_z + h_z)
            n = torch.tanh(x_n + h_n)
            H = (1 - z) * n + z * H
            outputs.append(H)
        return torch.stack(outputs), H.unsqueeze(0)
