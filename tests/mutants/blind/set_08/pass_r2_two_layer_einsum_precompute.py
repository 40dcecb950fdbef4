# expect: pass
# exercise: 1
# what: six explicit parameter attributes per layer written out by hand with nn.init.uniform_; each layer's input products for all steps precomputed with torch.einsum, the recurrence loops in plain Python and stacks with torch.stack; final states as torch.cat of unsqueezed rows
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        h = num_hiddens
        self.weight_ih_l0 = nn.Parameter(torch.empty(h, num_inputs))
        self.weight_hh_l0 = nn.Parameter(torch.empty(h, h))
        self.bias_ih_l0 = nn.Parameter(torch.empty(h))
        self.bias_hh_l0 = nn.Parameter(torch.empty(h))
        self.weight_ih_l1 = nn.Parameter(torch.empty(h, h))
        self.weight_hh_l1 = nn.Parameter(torch.empty(h, h))
        self.bias_ih_l1 = nn.Parameter(torch.empty(h))
        self.bias_hh_l1 = nn.Parameter(torch.empty(h))
        a = 1 / math.sqrt(h)
        for p in self.parameters():
            nn.init.uniform_(p, -a, a)

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state):
        layers = [(self.weight_ih_l0, self.weight_hh_l0, self.bias_ih_l0, self.bias_hh_l0),
                  (self.weight_ih_l1, self.weight_hh_l1, self.bias_ih_l1, self.bias_hh_l1)]
        seq, finals = inputs, []
        for l, (W_ih, W_hh, b_ih, b_hh) in enumerate(layers):
            XW = torch.einsum("tbi,hi->tbh", seq, W_ih) + b_ih + b_hh
            H = state[l]
            outs = []
            for t in range(seq.shape[0]):
                H = torch.tanh(XW[t] + torch.einsum("bj,hj->bh", H, W_hh))
                outs.append(H)
            seq = torch.stack(outs)
            finals.append(H.unsqueeze(0))
        return seq, torch.cat(finals, dim=0)
