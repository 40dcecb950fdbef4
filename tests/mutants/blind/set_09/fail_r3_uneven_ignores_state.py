# expect: fail
# exercise: 1
# what: unpacks the given states but runs both GRUs from their default zero state, ignoring state_fwd and state_bwd
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        out_f, h_f = self.fwd(inputs)
        out_b, h_b = self.bwd(torch.flip(inputs, [0]))
        return torch.cat([out_f, torch.flip(out_b, [0])], dim=-1), (h_f, h_b)
