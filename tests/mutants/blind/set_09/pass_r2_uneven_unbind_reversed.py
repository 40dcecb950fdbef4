# expect: pass
# exercise: 1
# what: reverses time with torch.stack(list(reversed(x.unbind(0)))) for both the inputs and the backward outputs; zero states made explicitly when none is given; final states taken from the GRUs' own returned states
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        batch = inputs.shape[1]
        if state_fwd is None:
            state_fwd = inputs.new_zeros(1, batch, self.fwd.hidden_size)
        if state_bwd is None:
            state_bwd = inputs.new_zeros(1, batch, self.bwd.hidden_size)

        def time_reversed(x):
            return torch.stack(list(reversed(x.unbind(0))))

        out_f, h_f = self.fwd(inputs, state_fwd)
        out_b, h_b = self.bwd(time_reversed(inputs), state_bwd)
        return torch.cat([out_f, time_reversed(out_b)], dim=2), (h_f, h_b)
