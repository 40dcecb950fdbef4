# expect: fail
# exercise: 3
# what: detaches the cell at every step (C = f * C.detach() + ...), "the cell path is what explodes": outputs and states are right, but no gradient flows along the cell from c_t to c_{t-1} (the constant error carousel is cut)
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
        H, C = state[0][0], state[1][0]
        outputs = []
        for XW_t in XW:
            f, g, o = (XW_t + H @ self.weight_hh_l0.T).chunk(3, dim=1)
            f, g, o = torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            C = f * C.detach() + (1 - f) * g
            H = o * torch.tanh(C)
            outputs.append(H)
        return torch.stack(outputs), (H.unsqueeze(0), C.unsqueeze(0))
