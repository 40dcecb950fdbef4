# expect: fail
# exercise: 2
# what: GRUResetOnly precomputes the whole reset gate before the loop from the input alone, r_t = sigmoid(W_ir x_t + b_ir + b_hr), dropping the W_hr h_{t-1} term
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
        # all gates of all steps at once, for speed
        R = torch.sigmoid(XW[..., :h] + self.bias_hh_l0[:h])
        H, outputs = state[0], []
        for t in range(XW.shape[0]):
            HW_n = H @ self.weight_hh_l0[h:].T + self.bias_hh_l0[h:]
            H = torch.tanh(XW[t, :, h:] + R[t] * HW_n)
            outputs.append(H)
        return torch.stack(outputs), H.unsqueeze(0)

class GRUUpdateOnly(TwoBlockGRU):
    """A GRU without reset gate: n_t uses all of h_{t-1}; parameter blocks [z, n]."""

    def forward(self, inputs, state):
        h = self.hidden_size
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0
        H, outputs = state[0], []
        for XW_t in XW:
            HW = H @ self.weight_hh_l0.T + self.bias_hh_l0
            z = torch.sigmoid(XW_t[:, :h] + HW[:, :h])
            n = torch.tanh(XW_t[:, h:] + HW[:, h:])
            H = (1 - z) * n + z * H
            outputs.append(H)
        return torch.stack(outputs), H.unsqueeze(0)
