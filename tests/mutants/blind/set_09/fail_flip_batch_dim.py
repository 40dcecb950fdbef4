# expect: fail
# exercise: 1
# what: flips dimension 1 (the batch) instead of dimension 0 (time), so the "backward" GRU actually runs forward in time
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        if state_bwd is not None:
            state_bwd = torch.flip(state_bwd, [1])
        out_f, state_fwd = self.fwd(inputs, state_fwd)
        out_b, state_bwd = self.bwd(torch.flip(inputs, [1]), state_bwd)
        outputs = torch.cat([out_f, torch.flip(out_b, [1])], dim=-1)
        return outputs, (state_fwd, torch.flip(state_bwd, [1]))
