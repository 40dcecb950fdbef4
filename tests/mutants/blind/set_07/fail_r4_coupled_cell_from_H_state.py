# expect: fail
# exercise: 3
# what: indexing slip when unpacking the state: H, C = state[0][0], state[0][0], so the cell starts from the given H instead of the given C (right only from the zero state the language model begins with)
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
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0 + self.bias_hh_l0
        H, C = state[0][0], state[0][0]
        outputs = []
        for XW_t in XW:
            f, g, o = (XW_t + H @ self.weight_hh_l0.T).chunk(3, dim=1)
            f, g, o = torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            C = f * C + (1 - f) * g
            H = o * torch.tanh(C)
            outputs.append(H)
        return torch.stack(outputs), (H.unsqueeze(0), C.unsqueeze(0))
