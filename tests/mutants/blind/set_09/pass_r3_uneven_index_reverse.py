# expect: pass
# exercise: 1
# what: reverses time with an index tensor and index_select instead of torch.flip, passes states by keyword, returns the pair as a tuple built explicitly
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        T = inputs.shape[0]
        rev = torch.arange(T - 1, -1, -1, device=inputs.device)
        out_f, h_f = self.fwd(inputs, state_fwd)
        out_b_rev, h_b = self.bwd(inputs.index_select(0, rev), state_bwd)
        out_b = out_b_rev.index_select(0, rev)
        outputs = torch.cat((out_f, out_b), dim=-1)
        return outputs, tuple([h_f, h_b])
