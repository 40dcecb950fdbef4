# expect: fail
# exercise: 1
# what: hands each upper layer the outputs of the layer below as outputs.detach() ("truncate between layers as between minibatches"): outputs and states equal nn.RNN's, but no gradient flows down, so layer 0 (whose outputs only feed layer 1) never gets a gradient and never trains
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
        self.layers = nn.ModuleList(
            [RNNScratch(num_inputs if l == 0 else num_hiddens, num_hiddens, sigma)
             for l in range(num_layers)])

    def begin_state(self, batch_size, device):
        return torch.zeros((self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (num_layers, batch_size,
        # num_hiddens)
        X, finals = inputs, []
        for l, layer in enumerate(self.layers):
            outputs, H = layer(X, state[l:l + 1])
            finals.append(H)
            # the next layer reads these outputs; cut the graph between layers as
            # train_epoch cuts it between minibatches
            X = outputs.detach() if l < self.num_layers - 1 else outputs
        return X, torch.cat(finals, dim=0)
