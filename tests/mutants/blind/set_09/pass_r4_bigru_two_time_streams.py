# expect: pass
# exercise: 2
# what: keeps the sequence in two time orders through the stack (natural order for the forward layers, reversed order for the backward ones); each level builds its next input in both orders with one flip per half, so the backward outputs are never flipped back and forth in between; layers in a ModuleList in nn.GRU's order
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
        self.directions = nn.ModuleList()
        for l in range(num_layers):
            width = num_inputs if l == 0 else 2 * num_hiddens
            self.directions.append(GRUScratch(width, num_hiddens, sigma))  # l forward
            self.directions.append(GRUScratch(width, num_hiddens, sigma))  # l backward

    def begin_state(self, batch_size, device):
        return torch.zeros((2 * self.num_layers, batch_size, self.hidden_size),
                           device=device)

    def forward(self, inputs, state):
        # inputs: (num_steps, batch_size, num_inputs); state: (2 * num_layers,
        # batch_size, num_hiddens)
        in_order = inputs                        # x_1, ..., x_T
        reversed_order = inputs.flip(0)          # x_T, ..., x_1
        finals = []
        for l in range(self.num_layers):
            out_f, H_f = self.directions[2 * l](in_order, state[2 * l].unsqueeze(0))
            out_b_rev, H_b = self.directions[2 * l + 1](reversed_order,
                                                        state[2 * l + 1].unsqueeze(0))
            finals += [H_f, H_b]
            in_order = torch.cat([out_f, out_b_rev.flip(0)], dim=-1)
            reversed_order = torch.cat([out_f.flip(0), out_b_rev], dim=-1)
        return in_order, torch.cat(finals)
