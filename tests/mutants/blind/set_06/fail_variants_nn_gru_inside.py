# expect: fail
# exercise: 2
# what: cheat: keeps an nn.GRU in __init__ and runs it via torch.func.functional_call with the third gate forced by a huge bias, instead of computing the recurrence itself
# %% cell 8a19f2ed
from torch.func import functional_call


class TwoBlockGRU(nn.Module):
    """Shared parts of the one-gate variants: parameters laid out like nn.GRU's, with
    two blocks."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.hidden_size = num_hiddens
        bound = num_hiddens ** -0.5
        init = lambda *shape: nn.Parameter(torch.empty(*shape).uniform_(-bound, bound))
        self.weight_ih_l0 = init(2 * num_hiddens, num_inputs)
        self.weight_hh_l0 = init(2 * num_hiddens, num_hiddens)
        self.bias_ih_l0 = init(2 * num_hiddens)
        self.bias_hh_l0 = init(2 * num_hiddens)
        self._engine = [nn.GRU(num_inputs, num_hiddens)]  # in a list: not a submodule

    def _run(self, inputs, state, forced_block, forced_bias):
        h = self.hidden_size
        gate = self.weight_ih_l0.new_zeros
        W_ih = [self.weight_ih_l0[:h], self.weight_ih_l0[h:]]
        W_hh = [self.weight_hh_l0[:h], self.weight_hh_l0[h:]]
        b_ih = [self.bias_ih_l0[:h], self.bias_ih_l0[h:]]
        b_hh = [self.bias_hh_l0[:h], self.bias_hh_l0[h:]]
        # nn.GRU's blocks are [r, z, n]: insert the forced gate at its place
        W_ih.insert(forced_block, gate(h, W_ih[0].shape[1]))
        W_hh.insert(forced_block, gate(h, h))
        b_ih.insert(forced_block, gate(h) + forced_bias)
        b_hh.insert(forced_block, gate(h))
        params = {"weight_ih_l0": torch.cat(W_ih), "weight_hh_l0": torch.cat(W_hh),
                  "bias_ih_l0": torch.cat(b_ih), "bias_hh_l0": torch.cat(b_hh)}
        engine = self._engine[0].to(inputs.device)
        return functional_call(engine, params, (inputs, state))


class GRUResetOnly(TwoBlockGRU):
    """A GRU without update gate: h_t = n_t; parameter blocks [r, n]."""

    def forward(self, inputs, state):
        return self._run(inputs, state, forced_block=1, forced_bias=-1e4)   # z = 0


class GRUUpdateOnly(TwoBlockGRU):
    """A GRU without reset gate: n_t uses all of h_{t-1}; parameter blocks [z, n]."""

    def forward(self, inputs, state):
        return self._run(inputs, state, forced_block=0, forced_bias=1e4)    # r = 1
