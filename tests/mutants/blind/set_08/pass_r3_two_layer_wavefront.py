# expect: pass
# exercise: 1
# what: time in the outer loop and layers in the inner loop (wavefront order), parameters made by nn.init.uniform_ on empty tensors via setattr, torch.addmm, final states stacked
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        k = 1.0 / math.sqrt(num_hiddens)
        for l, n_in in enumerate((num_inputs, num_hiddens)):
            for name, shape in (("weight_ih", (num_hiddens, n_in)),
                                ("weight_hh", (num_hiddens, num_hiddens)),
                                ("bias_ih", (num_hiddens,)),
                                ("bias_hh", (num_hiddens,))):
                p = nn.Parameter(torch.empty(*shape))
                nn.init.uniform_(p, -k, k)
                setattr(self, f"{name}_l{l}", p)

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state):
        Hs = [state[0], state[1]]
        outputs = []
        for x in inputs:
            below = x
            for l in range(2):
                W_ih = getattr(self, f"weight_ih_l{l}")
                W_hh = getattr(self, f"weight_hh_l{l}")
                b = getattr(self, f"bias_ih_l{l}") + getattr(self, f"bias_hh_l{l}")
                Hs[l] = torch.tanh(torch.addmm(b, below, W_ih.t()) + Hs[l] @ W_hh.t())
                below = Hs[l]
            outputs.append(below)
        return torch.stack(outputs, 0), torch.stack(Hs, 0)
