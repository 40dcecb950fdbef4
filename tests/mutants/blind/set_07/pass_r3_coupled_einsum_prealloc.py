# expect: pass
# exercise: 3
# what: parameters registered biases-first via register_parameter and a helper, einsum matmuls, per-step gate slices, preallocated outputs
# %% cell 652ec29d
class CoupledLSTM(nn.Module):
    """An LSTM layer whose input gate is 1 - forget gate; blocks [f, g, o]."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        k = 1.0 / math.sqrt(hidden_size)

        def make(*shape):
            t = torch.empty(*shape)
            nn.init.uniform_(t, -k, k)
            return nn.Parameter(t)

        self.register_parameter("bias_hh_l0", make(3 * hidden_size))
        self.register_parameter("bias_ih_l0", make(3 * hidden_size))
        self.register_parameter("weight_hh_l0", make(3 * hidden_size, hidden_size))
        self.register_parameter("weight_ih_l0", make(3 * hidden_size, input_size))

    def begin_state(self, batch_size, device):
        shape = (1, batch_size, self.hidden_size)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, inputs, state):
        h = self.hidden_size
        H, C = state[0][0], state[1][0]
        T, B = inputs.shape[0], inputs.shape[1]
        outputs = inputs.new_empty(T, B, h)
        for t in range(T):
            a = (torch.einsum("bi,gi->bg", inputs[t], self.weight_ih_l0) + self.bias_ih_l0
                 + torch.einsum("bh,gh->bg", H, self.weight_hh_l0) + self.bias_hh_l0)
            f = torch.sigmoid(a[:, :h])
            g = torch.tanh(a[:, h:2 * h])
            o = torch.sigmoid(a[:, 2 * h:])
            C = f * C + (1 - f) * g
            H = o * torch.tanh(C)
            outputs[t] = H
        return outputs, (H.unsqueeze(0), C.unsqueeze(0))
