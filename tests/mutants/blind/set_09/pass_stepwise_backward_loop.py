# expect: pass
# exercise: 1
# what: backward direction run one step at a time from t=T-1 down to 0, outputs written into a preallocated tensor; explicit zero states
# %% cell 09-06
class UnevenBiGRU(nn.Module):
    """A bidirectional GRU layer whose two directions have different numbers of hidden
    units."""

    def __init__(self, num_inputs, h_fwd, h_bwd):
        super().__init__()
        self.fwd, self.bwd = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd)

    def forward(self, inputs, state=None):
        state_fwd, state_bwd = state if state is not None else (None, None)
        num_steps, batch_size, _ = inputs.shape
        if state_fwd is None:
            state_fwd = inputs.new_zeros(1, batch_size, self.fwd.hidden_size)
        if state_bwd is None:
            state_bwd = inputs.new_zeros(1, batch_size, self.bwd.hidden_size)
        out_f, new_fwd = self.fwd(inputs, state_fwd)
        H = state_bwd
        out_b = inputs.new_empty(num_steps, batch_size, self.bwd.hidden_size)
        for t in reversed(range(num_steps)):
            step_out, H = self.bwd(inputs[t:t + 1], H)
            out_b[t] = step_out[0]
        return torch.cat((out_f, out_b), dim=2), (new_fwd, H)
