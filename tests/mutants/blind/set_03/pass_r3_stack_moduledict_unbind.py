# expect: pass
# exercise: 1
# what: layers kept in an nn.ModuleDict keyed 'layer0', 'layer1', ... (insertion order = parameter order), state split with unbind(0), final states gathered with torch.stack along a new dim 0
# %% cell 03-05
class StackedRNNScratch(nn.Module):
    """num_layers RNNScratch layers, each reading the outputs of the one below; like
    nn.RNN(num_layers=...)."""

    def __init__(self, num_inputs, num_hiddens, num_layers=2, sigma=0.01):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = (
            num_hiddens,
            num_layers,
            False,
        )
        self.cells = nn.ModuleDict()
        in_size = num_inputs
        for l in range(num_layers):
            self.cells[f"layer{l}"] = RNNScratch(in_size, num_hiddens, sigma=sigma)
            in_size = num_hiddens

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        per_layer = state.unbind(0)                 # num_layers tensors (batch, hidden)
        seq, last = inputs, []
        for l in range(self.num_layers):
            seq, H = self.cells[f"layer{l}"](seq, per_layer[l].unsqueeze(0))
            last.append(H.squeeze(0))
        return seq, torch.stack(last, dim=0)
