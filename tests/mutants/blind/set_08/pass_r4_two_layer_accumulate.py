# expect: pass
# exercise: 1
# what: functional style: one step function per layer and itertools.accumulate over the time steps (initial=state[l]) produces the states of each layer, which feed the next layer; parameters from a dict of shapes with nn.init.uniform_ and setattr; final states taken from the accumulated lists and stacked
# %% cell 19290e56
import itertools


class TwoLayerRNN(nn.Module):
    """Two stacked tanh RNN layers with the interface of nn.RNN(num_layers=2)."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 2, False
        bound = 1.0 / math.sqrt(num_hiddens)
        for layer, fan_in in enumerate((num_inputs, num_hiddens)):
            shapes = {"weight_ih": (num_hiddens, fan_in),
                      "weight_hh": (num_hiddens, num_hiddens),
                      "bias_ih": (num_hiddens,), "bias_hh": (num_hiddens,)}
            for kind, shape in shapes.items():
                p = nn.Parameter(torch.empty(shape))
                nn.init.uniform_(p, -bound, bound)
                setattr(self, f"{kind}_l{layer}", p)

    def begin_state(self, batch_size, device):
        return torch.zeros(2, batch_size, self.hidden_size, device=device)

    def _layer(self, layer, xs, h0):
        W_ih, W_hh, b_ih, b_hh = (getattr(self, f"{k}_l{layer}")
                                  for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"))
        step = lambda h, x: torch.tanh(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        states = list(itertools.accumulate(xs, step, initial=h0))
        return states[1:]                       # drop the initial state

    def forward(self, inputs, state):
        xs, finals = list(inputs.unbind(0)), []
        for layer in range(2):
            xs = self._layer(layer, xs, state[layer])
            finals.append(xs[-1])
        return torch.stack(xs), torch.stack(finals)
