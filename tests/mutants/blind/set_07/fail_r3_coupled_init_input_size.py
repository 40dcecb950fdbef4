# expect: fail
# exercise: 3
# what: initialisation bound 1/sqrt(input_size) for weight_ih (and randn*0.01 biases) instead of uniform +-1/sqrt(h) for all
# %% cell 652ec29d
class CoupledLSTM(nn.Module):
    """An LSTM layer whose input gate is 1 - forget gate; blocks [f, g, o]."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        bi = 1 / math.sqrt(input_size)
        bh = 1 / math.sqrt(hidden_size)
        self.weight_ih_l0 = nn.Parameter(torch.empty(3 * hidden_size, input_size).uniform_(-bi, bi))
        self.weight_hh_l0 = nn.Parameter(torch.empty(3 * hidden_size, hidden_size).uniform_(-bh, bh))
        self.bias_ih_l0 = nn.Parameter(torch.randn(3 * hidden_size) * 0.01)
        self.bias_hh_l0 = nn.Parameter(torch.randn(3 * hidden_size) * 0.01)

    def begin_state(self, batch_size, device):
        shape = (1, batch_size, self.hidden_size)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, inputs, state):
        H, C = state[0][0], state[1][0]
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0 + self.bias_hh_l0
        outputs = []
        for XW_t in XW:
            f, g, o = (XW_t + H @ self.weight_hh_l0.T).chunk(3, dim=1)
            f, g, o = torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            C = f * C + (1 - f) * g
            H = o * torch.tanh(C)
            outputs.append(H)
        return torch.stack(outputs), (H.unsqueeze(0), C.unsqueeze(0))
