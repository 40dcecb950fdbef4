# expect: pass
# exercise: 2
# what: layers registered as named attributes via setattr (same creation order), time reversal by index tensor, final states written into a preallocated tensor
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
        for l in range(num_layers):
            size = num_inputs if l == 0 else 2 * num_hiddens
            setattr(self, f"l{l}_forward", GRUScratch(size, num_hiddens, sigma))
            setattr(self, f"l{l}_backward", GRUScratch(size, num_hiddens, sigma))


    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        num_steps = inputs.shape[0]
        rev = torch.arange(num_steps - 1, -1, -1, device=inputs.device)
        new_state = torch.empty_like(state)
        layer_in = inputs
        for l in range(self.num_layers):
            f_layer = getattr(self, f"l{l}_forward")
            b_layer = getattr(self, f"l{l}_backward")
            out_f, new_state[2 * l:2 * l + 1] = f_layer(layer_in, state[2 * l].unsqueeze(0))
            out_b_rev, new_state[2 * l + 1:2 * l + 2] = b_layer(
                layer_in.index_select(0, rev), state[2 * l + 1].unsqueeze(0))
            layer_in = torch.cat((out_f, out_b_rev.index_select(0, rev)), dim=2)
        return layer_in, new_state
