# expect: fail
# exercise: 1
# what: returns the backward output at the last time step (after reading x_T only) as the backward final state instead of the state after reading back to x_1
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        out_f, _ = self.fwd(inputs, state_fwd)
        out_b, _ = self.bwd(torch.flip(inputs, [0]), state_bwd)
        outputs = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
        # final states: the outputs at the last time step
        return outputs, (outputs[-1:, :, :self.fwd.hidden_size],
                         outputs[-1:, :, self.fwd.hidden_size:])
