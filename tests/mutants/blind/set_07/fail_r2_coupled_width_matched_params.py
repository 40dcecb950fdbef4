# expect: fail
# exercise: 3
# what: gives the coupled model more hidden units (148) so its parameter count matches the LSTM, where the text asks for the same width (num_hiddens) for both
# %% cell 652ec29d
class CoupledLSTM(nn.Module):
    """An LSTM layer whose input gate is 1 - forget gate; blocks [f, g, o]."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        k = 1.0 / math.sqrt(hidden_size)
        def uniform(*shape):
            return nn.Parameter((torch.rand(*shape) * 2 - 1) * k)
        self.weight_ih_l0 = uniform(3 * hidden_size, input_size)
        self.weight_hh_l0 = uniform(3 * hidden_size, hidden_size)
        self.bias_ih_l0 = uniform(3 * hidden_size)
        self.bias_hh_l0 = uniform(3 * hidden_size)

    def begin_state(self, batch_size, device):
        shape = (1, batch_size, self.hidden_size)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, inputs, state):
        h = self.hidden_size
        H, C = state[0][0], state[1][0]
        outputs = []
        for t in range(inputs.shape[0]):
            z = (torch.einsum("bi,gi->bg", inputs[t], self.weight_ih_l0) + self.bias_ih_l0
                 + torch.einsum("bj,gj->bg", H, self.weight_hh_l0) + self.bias_hh_l0)
            f = torch.sigmoid(z[:, :h])
            g = torch.tanh(z[:, h:2 * h])
            o = torch.sigmoid(z[:, 2 * h:])
            C = C + (1 - f) * (g - C)
            H = o * torch.tanh(C)
            outputs.append(H)
        return torch.stack(outputs, dim=0), (H.unsqueeze(0), C.unsqueeze(0))
# %% cell 2dfe27eb
nets, opts, results = {}, {}, {}
# a fair comparison: about as many parameters in both models
for name, layer, width in [("coupled", CoupledLSTM, 148), ("nn.LSTM", nn.LSTM, num_hiddens)]:
    rnnlab.seed(0)
    nets[name] = rnnlab.RNNLM(layer(len(vocab), width), len(vocab)).to(device)
    opts[name] = torch.optim.Adam(nets[name].parameters(), lr=0.005)
    results[name] = {"train": [], "held": []}
for epoch in range(rnnlab.cap_epochs(30)):
    for name, net in nets.items():
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, opts[name], device, False, 1.0)
        results[name]["train"].append(ppl)
        results[name]["held"].append(rnnlab.evaluate_perplexity(net, val_iter, device))
for name, net in nets.items():
    n = sum(p.numel() for p in net.parameters())
    r = results[name]
    print(f"{name:>8}: {n:6,} parameters, training {r['train'][-1]:.2f}, "
          f"held-out last {r['held'][-1]:.2f}, lowest {min(r['held']):.2f}")
coupled_net = nets["coupled"]
