# expect: pass
# exercise: 2
# what: nested ModuleList of [forward, backward] pairs (parameter order unchanged), states unbound and restacked with torch.stack
# %% cell 09-10
class BiGRUScratch(nn.Module):
    """A multi-layer bidirectional GRU built from GRUScratch; like nn.GRU(...,
    bidirectional=True)."""

    def __init__(self, num_inputs, num_hiddens, num_layers=2, sigma=0.01):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = (
            num_hiddens,
            num_layers,
            True,
        )
        self.levels = nn.ModuleList(
            nn.ModuleList([GRUScratch(num_inputs if l == 0 else 2 * num_hiddens,
                                      num_hiddens, sigma),
                           GRUScratch(num_inputs if l == 0 else 2 * num_hiddens,
                                      num_hiddens, sigma)])
            for l in range(num_layers))


    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        init = state.unbind(0)
        finals = []
        h = inputs
        for l, (f_layer, b_layer) in enumerate(self.levels):
            of, sf = f_layer(h, init[2 * l][None])
            ob, sb = b_layer(h.flip(0), init[2 * l + 1][None])
            finals.append(sf[0])
            finals.append(sb[0])
            h = torch.cat([of, ob.flip(0)], -1)
        return h, torch.stack(finals)
