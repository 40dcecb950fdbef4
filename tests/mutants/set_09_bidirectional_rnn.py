"""Wrong solutions of solutions/09_bidirectional_rnn.ipynb: directions of different sizes, a
two-layer bidirectional GRU from scratch."""

import torch
from mutant_helpers import scratch
from torch import nn

from rnnlab import checks


class Uneven(nn.Module):
    """UnevenBiGRU with switchable mistakes."""

    def __init__(self, num_inputs=3, h_fwd=2, h_bwd=5, mistake=None):
        super().__init__()
        self.fwd, self.bwd, self.mistake = nn.GRU(num_inputs, h_fwd), nn.GRU(num_inputs, h_bwd), mistake

    def forward(self, inputs, state=None):
        sf, sb = state if state is not None else (None, None)
        if self.mistake == "ignore_state":
            sf, sb = None, None
        if self.mistake == "ignore_bwd_state":
            sb = None
        out_f, sf = self.fwd(inputs, sf)
        rev = inputs if self.mistake == "no_reverse" else torch.flip(inputs, [0])
        out_b, sb = self.bwd(rev, sb)
        if self.mistake not in ("no_flip_back", "no_reverse"):
            out_b = torch.flip(out_b, [0])
        if self.mistake == "detach_bwd":  # right values, no gradient through the backward direction
            out_b = out_b.detach()
        parts = [out_b, out_f] if self.mistake == "bwd_first" else [out_f, out_b]
        out = torch.cat(parts, -1)
        if self.mistake == "no_state":
            return out
        return out, ((sb, sf) if self.mistake == "states_swapped" else (sf, sb))


def uneven(mistake=None):
    return lambda: checks.check_uneven_bidirectional(Uneven(mistake=mistake))


def bigru(mistake=None, num_layers=2, num_inputs=5):
    return lambda: checks.check_twin(
        scratch(num_inputs, 4, num_layers, True, "gru", mistake),
        nn.GRU(num_inputs, 4, num_layers, bidirectional=True),
    )


class Detached(nn.Module):
    """A correct scratch layer fed a detached copy of its inputs or of its initial state: right
    values, wrong gradients."""

    def __init__(self, inner, what):
        super().__init__()
        self.inner, self.what = inner, what
        self.hidden_size, self.num_layers, self.bidirectional = inner.hidden_size, inner.num_layers, True

    def forward(self, inputs, state):
        if self.what == "inputs":
            inputs = inputs.detach()
        else:
            state = state.detach()
        return self.inner(inputs, state)


def bigru_gradients(what=None):
    def run():
        layer = scratch(5, 4, 2, True, "gru", None)
        checks.check_twin_gradients(
            Detached(layer, what) if what else layer, nn.GRU(5, 4, 2, bidirectional=True)
        )

    return run


def gru(mistake=None):
    return lambda: checks.check_twin(scratch(5, 4, 1, False, "gru", mistake), nn.GRU(5, 4))


MUTANTS = {
    "uneven_backward_not_flipped_back": (uneven("no_flip_back"), "flip them back"),
    "uneven_backward_reads_forward": (uneven("no_reverse"), "reads the inputs reversed in time"),
    "uneven_backward_first": (uneven("bwd_first"), "forward direction first"),
    "uneven_ignores_state": (uneven("ignore_state"), "initial state is ignored"),
    "uneven_ignores_backward_state": (uneven("ignore_bwd_state"), "state_bwd to self.bwd"),
    "uneven_no_state_returned": (uneven("no_state"), "final states as a pair"),
    "uneven_states_swapped": (uneven("states_swapped"), "forward first"),
    "uneven_backward_detached": (uneven("detach_bwd"), "the graph is cut"),
    "bigru_inputs_detached": (bigru_gradients("inputs"), "the graph is cut"),
    "bigru_state_detached": (bigru_gradients("state"), "the graph is cut"),
    "bigru_wraps_nn_gru": (bigru("wraps_torch"), "must not wrap nn.RNN / nn.GRU"),
    "bigru_calls_nn_gru_inside_forward": (bigru("calls_fused"), "fused kernel"),
    "bigru_backward_not_flipped_back": (bigru("no_flip_back"), "flipped back"),
    "bigru_backward_reads_forward": (bigru("no_reverse"), "backward one is not"),
    "bigru_one_layer_not_flipped_back": (bigru("no_flip_back", num_layers=1), "backward one is not"),
    "bigru_not_chained": (bigru("not_chained", num_inputs=8), "layers chained"),
    "bigru_ignores_state": (bigru("ignore_state"), "state passed to forward is ignored"),
    "bigru_state_directions_swapped": (bigru("state_order"), "returned state is not"),
    "bigru_returns_initial_state": (bigru("return_initial_state"), "returned state is not"),
    "gru_gate_order_z_r": (gru("gate_order"), "order r, z, n"),
    "gru_reset_before_matmul": (gru("d2l_reset"), "order r, z, n"),
    "gru_update_swapped": (gru("swap_update"), "h' = (1 - z) * n + z * h"),
    "gru_transposed_W_ih": (
        lambda: checks.check_twin(scratch(5, 4, 1, False, "gru", "transposed_ih"), nn.GRU(5, 4)),
        "transposed weights",
    ),
}

CORRECT = {
    "uneven": uneven(),
    "bigru": bigru(),
    "bigru_one_layer": bigru(num_layers=1, num_inputs=3),
    "bigru_gradients": bigru_gradients(),
    "gru": gru(),
}
