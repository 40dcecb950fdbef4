# expect: fail
# exercise: 1
# what: backward outputs are left in reversed time order, so step t is paired with the backward state of step T-1-t
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        out_f, state_fwd = self.fwd(inputs, state_fwd)
        out_b, state_bwd = self.bwd(torch.flip(inputs, [0]), state_bwd)
        outputs = torch.cat([out_f, out_b], dim=-1)
        return outputs, (state_fwd, state_bwd)
