# expect: pass
# exercise: 3
# what: per-gate row slices of the weights taken once, separate input products per gate, cell update written as g + f * (c - g), outputs written into a preallocated tensor; init via nn.init.uniform_
# %% cell 652ec29d
class CoupledLSTM(nn.Module):
    """An LSTM layer whose input gate is 1 - forget gate; blocks [f, g, o]."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        k = hidden_size ** -0.5
        self.weight_ih_l0 = nn.Parameter(torch.empty(3 * hidden_size, input_size))
        self.weight_hh_l0 = nn.Parameter(torch.empty(3 * hidden_size, hidden_size))
        self.bias_ih_l0 = nn.Parameter(torch.empty(3 * hidden_size))
        self.bias_hh_l0 = nn.Parameter(torch.empty(3 * hidden_size))
        for p in self.parameters():
            nn.init.uniform_(p, -k, k)

    def begin_state(self, batch_size, device):
        shape = (1, batch_size, self.hidden_size)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, inputs, state):
        h = self.hidden_size
        rows = {"f": slice(0, h), "g": slice(h, 2 * h), "o": slice(2 * h, 3 * h)}
        pre = {k: inputs @ self.weight_ih_l0[s].T + self.bias_ih_l0[s] + self.bias_hh_l0[s]
               for k, s in rows.items()}
        W = {k: self.weight_hh_l0[s] for k, s in rows.items()}
        H, C = state
        H, C = H[0], C[0]
        outputs = inputs.new_zeros(inputs.shape[0], inputs.shape[1], h)
        for t in range(inputs.shape[0]):
            f = torch.sigmoid(pre["f"][t] + H @ W["f"].T)
            g = torch.tanh(pre["g"][t] + H @ W["g"].T)
            o = torch.sigmoid(pre["o"][t] + H @ W["o"].T)
            C = g + f * (C - g)
            H = o * torch.tanh(C)
            outputs[t] = H
        return outputs, (H[None], C[None])
