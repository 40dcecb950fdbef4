# expect: pass
# exercise: 2
# what: draws every initial value in ONE torch.rand call (uniform in +-1/sqrt(h), biases drawn first) and cuts it into the four tensors, registered in torch.nn's order: same distribution, other use of the random generator
# %% cell 8a19f2ed
class TwoBlockGRU(nn.Module):
    """Shared parts of the one-gate variants: parameters laid out like nn.GRU's, with
    two blocks."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size = num_hiddens
        bound = 1.0 / math.sqrt(num_hiddens)
        shapes = {
            "bias_ih_l0": (2 * num_hiddens,),
            "bias_hh_l0": (2 * num_hiddens,),
            "weight_hh_l0": (2 * num_hiddens, num_hiddens),
            "weight_ih_l0": (2 * num_hiddens, num_inputs),
        }
        # one draw for everything (biases first), then cut into the tensors
        flat = torch.rand(sum(math.prod(s) for s in shapes.values())) * (2 * bound) - bound
        values, pos = {}, 0
        for name, shape in shapes.items():
            n = math.prod(shape)
            values[name] = flat[pos:pos + n].reshape(shape).clone()
            pos += n
        # registered in torch.nn's order
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            setattr(self, name, nn.Parameter(values[name]))


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
