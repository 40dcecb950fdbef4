# expect: pass
# exercise: 3
# what: parameters made with nn.init.uniform_ on torch.empty; each step multiplies the concatenation [x_t, h_{t-1}] by [W_ih | W_hh] computed in float64 and cast back; outputs written into a preallocated tensor
# %% cell 652ec29d
class CoupledLSTM(nn.Module):
    """An LSTM layer whose input gate is 1 - forget gate; blocks [f, g, o]."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        bound = 1 / math.sqrt(hidden_size)
        self.weight_ih_l0 = nn.Parameter(torch.empty(3 * hidden_size, input_size))
        self.weight_hh_l0 = nn.Parameter(torch.empty(3 * hidden_size, hidden_size))
        self.bias_ih_l0 = nn.Parameter(torch.empty(3 * hidden_size))
        self.bias_hh_l0 = nn.Parameter(torch.empty(3 * hidden_size))
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    def begin_state(self, batch_size, device):
        shape = (1, batch_size, self.hidden_size)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, inputs, state):
        dtype = inputs.dtype
        W = torch.cat([self.weight_ih_l0, self.weight_hh_l0], dim=1).double()
        b = (self.bias_ih_l0 + self.bias_hh_l0).double()
        H = state[0][0].double()
        C = state[1][0].double()
        T, B = inputs.shape[0], inputs.shape[1]
        outputs = inputs.new_empty(T, B, self.hidden_size, dtype=torch.float64)
        for t in range(T):
            z = torch.cat([inputs[t].double(), H], dim=1) @ W.T + b
            f, g, o = z.chunk(3, dim=1)
            f = torch.sigmoid(f)
            C = f * C + (1 - f) * torch.tanh(g)
            H = torch.sigmoid(o) * torch.tanh(C)
            outputs[t] = H
        return outputs.to(dtype), (H.to(dtype).unsqueeze(0), C.to(dtype).unsqueeze(0))
