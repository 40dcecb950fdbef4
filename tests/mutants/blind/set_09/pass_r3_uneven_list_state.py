# expect: pass
# exercise: 1
# what: flips time with inputs.flip(dims=(0,)) on a contiguous copy, tolerates a given state that is a list, returns the two final states as a list [state_fwd, state_bwd] (still a pair that unpacks)
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        outs_f, last_f = self.fwd(inputs, state_fwd)
        backwards = inputs.flip(dims=(0,)).contiguous()
        outs_b, last_b = self.bwd(backwards, state_bwd)
        outs_b = outs_b.flip(dims=(0,))
        return torch.cat([outs_f, outs_b], -1), [last_f, last_b]
