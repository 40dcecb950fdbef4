# expect: fail
# exercise: 3
# what: writes with f instead of 1 - f: C = f * C + f * g
# %% cell 652ec29d
class CoupledLSTM(nn.Module):
    """An LSTM layer whose input gate is 1 - forget gate; blocks [f, g, o]."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        bound = 1 / math.sqrt(hidden_size)
        init = lambda *shape: nn.Parameter(torch.empty(*shape).uniform_(-bound, bound))
        self.weight_ih_l0 = init(3 * hidden_size, input_size)
        self.weight_hh_l0 = init(3 * hidden_size, hidden_size)
        self.bias_ih_l0 = init(3 * hidden_size)
        self.bias_hh_l0 = init(3 * hidden_size)

    def begin_state(self, batch_size, device):
        shape = (1, batch_size, self.hidden_size)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, inputs, state):
        H, C = state[0][0], state[1][0]
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0 + self.bias_hh_l0
        W_hh_T = self.weight_hh_l0.T
        outputs = []
        for XW_t in XW.unbind(0):
            f, g, o = torch.addmm(XW_t, H, W_hh_T).chunk(3, dim=1)
            f, g, o = torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            C = f * (C + g)
            H = o * torch.tanh(C)
            outputs.append(H)
        return torch.stack(outputs), (H.unsqueeze(0), C.unsqueeze(0))
