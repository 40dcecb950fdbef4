# expect: fail
# exercise: 1
# what: concatenates [backward, forward] instead of forward first, so the h_fwd + h_bwd features are in the wrong order
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
        out_b = torch.flip(out_b, [0])
        return torch.cat([out_b, out_f], dim=-1), (state_fwd, state_bwd)
