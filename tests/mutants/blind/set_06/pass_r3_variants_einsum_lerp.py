# expect: pass
# exercise: 2
# what: input products with torch.einsum before the loop, recurrent products with F.linear, blocks via chunk, reset gate applied with torch.addcmul, update written as torch.lerp(n, h_prev, z); outputs torch.cat of unsqueezed steps
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
        XW = torch.einsum("tbi,gi->tbg", inputs, self.weight_ih_l0) + self.bias_ih_l0
        xr, xn = XW.chunk(2, dim=-1)
        H = state[0]
        outs = []
        for t in range(inputs.shape[0]):
            hr, hn = nn.functional.linear(H, self.weight_hh_l0, self.bias_hh_l0).chunk(2, -1)
            r = torch.sigmoid(xr[t] + hr)
            H = torch.tanh(torch.addcmul(xn[t], r, hn))
            outs.append(H.unsqueeze(0))
        return torch.cat(outs, dim=0), H[None]


class GRUUpdateOnly(TwoBlockGRU):
    """A GRU without reset gate: n_t uses all of h_{t-1}; parameter blocks [z, n]."""

    def forward(self, inputs, state):
        XW = torch.einsum("tbi,gi->tbg", inputs, self.weight_ih_l0) + self.bias_ih_l0
        xz, xn = XW.chunk(2, dim=-1)
        H = state[0]
        outs = []
        for t in range(inputs.shape[0]):
            hz, hn = nn.functional.linear(H, self.weight_hh_l0, self.bias_hh_l0).chunk(2, -1)
            z = torch.sigmoid(xz[t] + hz)
            n = torch.tanh(xn[t] + hn)
            H = torch.lerp(n, H, z)          # n + z * (H - n) = (1 - z) n + z H
            outs.append(H.unsqueeze(0))
        return torch.cat(outs, dim=0), H[None]
