# expect: pass
# exercise: 3
# what: parameters created by a loop with setattr from torch.rand scaled to +-1/sqrt(h); the forward views the weights as (3, h, in) blocks, precomputes all input products with one einsum into a (T, 3, B, h) tensor, unbinds the gate axis each step, writes the cell as C - (1 - f) * (C - g), and returns outputs via torch.cat of unsqueezed steps
# %% cell 652ec29d
class CoupledLSTM(nn.Module):
    """An LSTM layer whose input gate is 1 - forget gate; blocks [f, g, o]."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        bound = hidden_size ** -0.5
        shapes = {"weight_ih_l0": (3 * hidden_size, input_size),
                  "weight_hh_l0": (3 * hidden_size, hidden_size),
                  "bias_ih_l0": (3 * hidden_size,), "bias_hh_l0": (3 * hidden_size,)}
        for name, shape in shapes.items():
            setattr(self, name, nn.Parameter((torch.rand(shape) * 2 - 1) * bound))

    def begin_state(self, batch_size, device):
        shape = (1, batch_size, self.hidden_size)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, inputs, state):
        h = self.hidden_size
        W_x = self.weight_ih_l0.view(3, h, -1)            # [f, g, o] blocks
        W_h = self.weight_hh_l0.view(3, h, h)
        bias = (self.bias_ih_l0 + self.bias_hh_l0).view(3, 1, h)
        XW = torch.einsum("gkd,tbd->tgbk", W_x, inputs) + bias   # (T, 3, B, h)
        H, C = state[0][0], state[1][0]
        steps = []
        for t in range(inputs.shape[0]):
            pre = XW[t] + torch.einsum("gkj,bj->gbk", W_h, H)
            f_pre, g_pre, o_pre = pre.unbind(0)
            f, g, o = torch.sigmoid(f_pre), torch.tanh(g_pre), torch.sigmoid(o_pre)
            C = C - (1 - f) * (C - g)                     # = f * C + (1 - f) * g
            H = o * torch.tanh(C)
            steps.append(H.unsqueeze(0))
        return torch.cat(steps), (H.unsqueeze(0), C.unsqueeze(0))
