# expect: fail
# exercise: 1
# what: the backward GRU reads the inputs with their features reversed (flip on the last dimension) instead of the steps reversed in time; the 'flip back' is the same feature flip on the outputs
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
        out_f, _ = self.fwd(inputs, state_fwd)
        out_b_rev, h_b = self.bwd(torch.flip(inputs, [-1]), state_bwd)
        out_b = torch.flip(out_b_rev, [-1])
        outputs = torch.cat([out_f, out_b], dim=-1)
        return outputs, (out_f[-1:].contiguous(), h_b)
