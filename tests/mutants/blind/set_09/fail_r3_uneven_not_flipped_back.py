# expect: fail
# exercise: 1
# what: runs the backward GRU on the reversed inputs but concatenates its outputs without flipping them back, so step t pairs with the backward state of step T-1-t
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
        return torch.cat([out_f, out_b], dim=2), (h_f, h_b)
