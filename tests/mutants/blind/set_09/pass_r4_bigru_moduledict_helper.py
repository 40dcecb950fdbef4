# expect: pass
# exercise: 2
# what: layers kept in an nn.ModuleDict keyed "l0_fwd", "l0_bwd", ... (insertion order = nn.GRU's parameter order); one helper runs a direction with an index-tensor time reversal; the new state is built with torch.cat of the (1, B, H) final states
# %% cell 09-10
class BiGRUScratch(nn.Module):
    """A multi-layer bidirectional GRU built from GRUScratch; like nn.GRU(...,
    bidirectional=True)."""

    def __init__(self, num_inputs, num_hiddens, num_layers=2, sigma=0.01):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = (
            num_hiddens,
            num_layers,
            True,
        )
        self.cells = nn.ModuleDict()
        for l in range(num_layers):
            width = num_inputs if l == 0 else 2 * num_hiddens
            for direction in ("fwd", "bwd"):
                self.cells[f"l{l}_{direction}"] = GRUScratch(width, num_hiddens, sigma)

    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    @staticmethod
    def _run(cell, X, H0, reverse):
        if not reverse:
            return cell(X, H0)
        back = torch.arange(X.shape[0] - 1, -1, -1, device=X.device)
        out, H_last = cell(X.index_select(0, back), H0)
        return out.index_select(0, back), H_last

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        X, finals = inputs, []
        for l in range(self.num_layers):
            halves = []
            for k, direction in enumerate(("fwd", "bwd")):
                i = 2 * l + k
                out, H_last = self._run(self.cells[f"l{l}_{direction}"], X,
                                        state[i:i + 1], reverse=(k == 1))
                halves.append(out)
                finals.append(H_last)
            X = torch.cat(halves, dim=-1)
        return X, torch.cat(finals, dim=0)
