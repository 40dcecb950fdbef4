# expect: fail
# exercise: 1
# what: cheat: keeps an nn.RNN(num_layers=2) inside and exposes its parameters under the torch names, forward just calls the fused layer
# %% cell 19290e56
class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        engine = nn.RNN(num_inputs, num_hiddens, num_layers=2)
        self._engine = [engine]  # a list, so it is not listed as a submodule
        for name, p in engine.named_parameters():
            setattr(self, name, p)  # same Parameter objects, torch names

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state):
        engine = self._engine[0]
        if engine.weight_ih_l0 is not self.weight_ih_l0 or next(engine.parameters()).device != inputs.device:
            engine.to(inputs.device)
            for name, _ in list(engine.named_parameters()):
                setattr(engine, name, getattr(self, name))
        return engine(inputs, state)
