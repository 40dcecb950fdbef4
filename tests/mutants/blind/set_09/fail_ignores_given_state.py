# expect: fail
# exercise: 1
# what: unpacks the given state but then runs both GRUs from zero states, so a caller's initial states are ignored
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        out_f, new_fwd = self.fwd(inputs)
        out_b, new_bwd = self.bwd(torch.flip(inputs, [0]))
        outputs = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
        return outputs, (new_fwd, new_bwd)
