# expect: pass
# exercise: 1
# what: layer-by-layer with F.linear and a preallocated output tensor filled in place; parameters registered with register_parameter, all four weight matrices first and then all four biases (not nn.RNN's per-layer order; names as torch)
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        bound = 1 / math.sqrt(num_hiddens)
        sizes = {0: num_inputs, 1: num_hiddens}
        for l in (0, 1):
            self.register_parameter(f"weight_ih_l{l}", nn.Parameter(
                torch.empty(num_hiddens, sizes[l]).uniform_(-bound, bound)))
            self.register_parameter(f"weight_hh_l{l}", nn.Parameter(
                torch.empty(num_hiddens, num_hiddens).uniform_(-bound, bound)))
        for l in (0, 1):
            self.register_parameter(f"bias_ih_l{l}", nn.Parameter(
                torch.empty(num_hiddens).uniform_(-bound, bound)))
            self.register_parameter(f"bias_hh_l{l}", nn.Parameter(
                torch.empty(num_hiddens).uniform_(-bound, bound)))

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state):
        T, B = inputs.shape[0], inputs.shape[1]
        layer_in = inputs
        finals = []
        for l in range(2):
            W_ih, b_ih = getattr(self, f"weight_ih_l{l}"), getattr(self, f"bias_ih_l{l}")
            W_hh, b_hh = getattr(self, f"weight_hh_l{l}"), getattr(self, f"bias_hh_l{l}")
            pre = torch.nn.functional.linear(layer_in, W_ih, b_ih)  # all steps at once
            out = pre.new_zeros(T, B, self.hidden_size)
            H = state[l]
            for t in range(T):
                H = torch.tanh(pre[t] + torch.nn.functional.linear(H, W_hh, b_hh))
                out[t] = H
            finals.append(H)
            layer_in = out
        return layer_in, torch.stack(finals)
