# expect: fail
# exercise: 1
# what: concatenates the backward direction first: step t holds [H_bwd, H_fwd] instead of [H_fwd, H_bwd]
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        out_f, h_f = self.fwd(inputs, state_fwd)
        out_b, h_b = self.bwd(torch.flip(inputs, [0]), state_bwd)
        return torch.cat([torch.flip(out_b, [0]), out_f], dim=-1), (h_f, h_b)
