"""Checks for scratch recurrent layers that have a torch.nn twin (nn.RNN, nn.GRU, nn.LSTM).

``check_twin(layer, twin)`` copies the twin's weights into the learner's layer, runs both on
random inputs and states of several shapes (batch size 1 included), and compares outputs and
final states (max abs difference at most 1e-5), then the gradients through time of a loss on every
step and on the returned state against the twin in float64. The inputs and states are drawn afresh on every
call; the layer runs first (no expected value exists yet in any frame it could read), and a layer
that holds or calls torch.nn's recurrent modules is rejected. On a mismatch it runs a few experiments to
name the likely mistake: state ignored, state not carried through time, layers not chained,
backward direction, transposed weights, outputs or state laid out wrongly.
"""

import torch
from torch import nn

from .core import (
    call,
    describe,
    fail,
    fresh_generator,
    max_abs_diff,
    passed,
    recurrence_spy,
    reject_torch_recurrence,
)
from .grads import compare_gradients

# frr twin_03 / twin_09 (fresh weights and inputs, 300 / 200 runs, 2026-12-07): 0 rejected; slack
# log10(TOL / max diff) mean 1.92 / 1.70 decades, sd 0.06 / 0.14, min 1.32: over 12 sd, est. < 1e-30.
TOL = 1e-5
SHAPES = ((1, 1), (5, 1), (4, 3), (7, 2))  # (num_steps, batch_size); the first has one step


def _randn(shape, gen):
    return torch.randn(*shape, generator=gen)


def _state_like(twin, batch_size, gen, zero=False):
    d = 2 if twin.bidirectional else 1
    shape = (twin.num_layers * d, batch_size, twin.hidden_size)
    make = (lambda: torch.zeros(shape)) if zero else (lambda: _randn(shape, gen))
    return (make(), make()) if isinstance(twin, nn.LSTM) else make()


def _as_tuple(state):
    return tuple(state) if isinstance(state, (tuple, list)) else (state,)


def copy_twin_weights(layer, twin):
    """Copy each parameter of ``twin`` into ``layer``: by torch.nn name, else in order. Returns
    {layer's parameter name: twin's parameter name}."""
    mine, theirs = dict(layer.named_parameters()), list(twin.named_parameters())
    by_name = all(name in mine for name, _ in theirs)
    if not by_name and len(mine) != len(theirs):
        fail(
            f"{type(layer).__name__} has parameters {list(mine)}",
            f"the {len(theirs)} parameters of "
            f"{type(twin).__name__} ({', '.join(n for n, _ in theirs)}), by name or in that order",
            f"{len(mine)} parameters",
            "name the parameters like torch.nn (weight_ih_l0, weight_hh_l0, "
            "bias_ih_l0, bias_hh_l0, ..._l1, ..._reverse) or create them in that order",
        )
    targets = [(n, mine[n]) for n, _ in theirs] if by_name else list(mine.items())
    pairs = {my_name: their_name for (their_name, _), (my_name, _) in zip(theirs, targets)}
    with torch.no_grad():
        for (their_name, src), (my_name, dst) in zip(theirs, targets):
            if dst.shape != src.shape:
                hint = (
                    "transposed weights: torch.nn stores W as (out_features, in_features) and computes "
                    "X @ W.T"
                    if tuple(dst.shape) == tuple(src.shape)[::-1]
                    else "a wrong size, or parameters created in another order than torch.nn's"
                )
                fail(
                    f"the shape of {type(layer).__name__}.{my_name} (matched to {their_name})",
                    tuple(src.shape),
                    tuple(dst.shape),
                    hint,
                )
            dst.copy_(src)
    return pairs


def _run(layer, inputs, state):
    out = call(
        layer,
        inputs,
        state,
        what=f"{type(layer).__name__}(inputs, state)",
        cause="a shape mismatch inside the layer? layer 0 reads num_inputs features, every later "
        "layer the outputs of the layer below (num_hiddens per direction); the state is "
        "(num_layers * num_directions, batch_size, num_hiddens)",
    )
    if not (isinstance(out, tuple) and len(out) == 2):
        fail(
            "what the layer's forward returns",
            "a pair (outputs, state) like torch.nn's layers",
            describe(out),
            "end forward with `return outputs, state`",
        )
    return out


def _max_diff(a, b):
    """The largest difference over the tensors of two outputs or states (inf when not finite)."""
    return max(max_abs_diff(x, y) for x, y in zip(_as_tuple(a), _as_tuple(b)))


def _diagnose(layer, twin, inputs, state, got_out, got_state, want_out, want_state, first_shape):
    """The likely mistake, from a few experiments."""
    d = 2 if twin.bidirectional else 1
    gs, ws = _as_tuple(got_state), _as_tuple(want_state)
    if _max_diff(got_out, want_out) <= TOL:
        return (
            "the outputs are right but the returned state is not: return the H (and C) of the LAST "
            "step of every layer and direction, not the initial state or another step's"
        )
    zero = _state_like(twin, inputs.shape[1], None, zero=True)
    longer = torch.randn(5, *inputs.shape[1:], generator=torch.Generator().manual_seed(1))
    with torch.no_grad():  # several steps from a zero state: right unless the recurrence is wrong
        zo, zs = _run(layer, longer, zero)
        zw, zws = twin(longer, zero)
    if max(_max_diff(zo, zw), _max_diff(zs, zws)) <= TOL:
        return "right from a zero state, wrong from the given one: the state passed to forward is ignored"
    if twin.num_layers > 1 and all(_max_diff(g[:d], w[:d]) <= TOL for g, w in zip(gs, ws)):
        return (
            "the first layer is right, the later ones are not: are the layers chained (layer l takes "
            "layer l-1's outputs as its inputs and its own slice state[l] as initial state)?"
            + (
                " Are the backward outputs flipped back to time order before the next layer reads them?"
                if d == 2
                else ""
            )
        )
    if d == 2 and all(_max_diff(g[:1], w[:1]) <= TOL for g, w in zip(gs, ws)):
        return (
            "the first layer's forward direction is right, its backward one is not: run it on the "
            "inputs reversed in time (torch.flip(inputs, [0])), with its own slice of the state"
        )
    if d == 2 and _max_diff(got_out[..., : twin.hidden_size], want_out[..., : twin.hidden_size]) <= TOL:
        return (
            "the forward direction is right, the backward one is not: run it on the inputs reversed in "
            "time (torch.flip(inputs, [0])), flip its outputs back, concatenate [forward, backward]"
        )
    if _max_diff(got_state, want_state) <= TOL:
        return (
            "the final state is right but the outputs are not: return the hidden state of EVERY step, stacked"
        )
    if not first_shape:
        return (
            "the first shapes (one time step) were right: is the state carried from step to step "
            "(H of step t feeds step t+1)?"
        )
    if isinstance(twin, nn.RNN):
        swapped = type(twin)(
            twin.input_size,
            twin.hidden_size,
            twin.num_layers,
            nonlinearity=twin.nonlinearity,
            bidirectional=twin.bidirectional,
        )
        swapped.load_state_dict(
            {k: (v.T if k.startswith("weight_hh") else v) for k, v in twin.state_dict().items()}
        )
        with torch.no_grad():
            if _max_diff(swapped(inputs, state)[0], got_out) <= TOL:
                return "W_hh is used transposed: torch.nn computes H @ weight_hh.T"
        return "check H_t = tanh(X_t W_ih^T + b_ih + H_{t-1} W_hh^T + b_hh) against your code (both biases?)"
    if isinstance(twin, nn.GRU):
        return (
            "check the gate formulas against nn.GRU's: weights stacked in the order r, z, n; "
            "n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); h' = (1 - z) * n + z * h"
        )
    return (
        "check the gate formulas against nn.LSTM's: weights stacked in the order i, f, g, o; "
        "c' = f * c + i * g; h' = o * tanh(c')"
    )


def _check_interface(layer, twin):
    from ..models import output_size, zero_state

    d = 2 if twin.bidirectional else 1
    try:
        width = output_size(layer)
    except AttributeError:
        fail(
            "the layer's width for RNNLM",
            f"an attribute hidden_size or num_hiddens = {twin.hidden_size}",
            "neither",
            "set self.num_hiddens (and self.bidirectional) in __init__",
        )
    if width != d * twin.hidden_size:
        fail(
            "the output width RNNLM reads from the layer",
            d * twin.hidden_size,
            width,
            "set self.num_hiddens to the size of one direction and self.bidirectional = True",
        )
    try:
        state = zero_state(layer, 2, "cpu")
    except AttributeError as err:
        fail(
            "the layer's initial state",
            "begin_state(batch_size, device) or hidden_size/num_layers",
            f"AttributeError: {err}",
            "define begin_state(batch_size, device)",
        )
    want = _state_like(twin, 2, None, zero=True)
    if [tuple(s.shape) for s in _as_tuple(state)] != [tuple(s.shape) for s in _as_tuple(want)]:
        fail(
            "the shape of the initial state",
            describe(want),
            describe(state),
            "(num_layers * num_directions, batch_size, num_hiddens), like torch.nn",
        )


GRAD_CAUSE = (
    "the forward values are right but the gradients are not: the computation graph is cut or "
    "altered somewhere (a .detach(), .data, torch.no_grad(), or values copied into a new tensor "
    "between time steps, layers or directions), so the loss on later steps or on the returned "
    "state does not reach the earlier steps, the initial state and the weights as it should"
)


def _reference(twin):
    """The twin in float64, as a function of (inputs, state, parameters) for autograd."""
    import copy

    from torch.func import functional_call

    twin64 = copy.deepcopy(twin).double()
    return lambda inputs, state, params: functional_call(twin64, params, (inputs, state))


def check_twin(layer, twin):
    """Copy ``twin``'s weights into ``layer``; compare outputs, states and gradients; print or raise.

    Properties every correct solution has: with the twin's weights copied in, on random inputs
    and random initial states of several shapes (one step and batch size 1 always included), its
    outputs and final state equal the twin's; the gradients of a loss that weighs every step's
    output and the returned state (random weights) with respect to the inputs, the initial state
    and every parameter equal those of the twin computed in float64 (so the state really flows
    through time and through the layers, nothing is cut from the graph); no fused recurrent
    kernel of torch runs inside; RNNLM can read its width and zero state."""
    name = type(layer).__name__
    reject_torch_recurrence(layer, name)
    pairs = copy_twin_weights(layer, twin)
    gen = fresh_generator()
    d, worst, worst_grad = (2 if twin.bidirectional else 1), 0.0, 0.0
    reference = _reference(twin)
    params64 = {k: v.detach().double() for k, v in twin.named_parameters()}
    for i, (num_steps, batch_size) in enumerate(SHAPES):
        inputs = _randn((num_steps, batch_size, twin.input_size), gen)
        state = _state_like(twin, batch_size, gen)
        with torch.no_grad(), recurrence_spy() as spy:  # the learner's layer runs first
            got_out, got_state = _run(
                layer,
                inputs.clone(),
                tuple(s.clone() for s in state) if isinstance(state, tuple) else state.clone(),
            )
        spy.reject(name)
        with torch.no_grad():
            want_out, want_state = twin(inputs, state)
        what = f"for inputs of shape {tuple(inputs.shape)} (num_steps, batch_size, num_inputs)"
        if not isinstance(got_out, torch.Tensor) or got_out.shape != want_out.shape:
            fail(
                f"the shape of the outputs {what}",
                tuple(want_out.shape),
                describe(got_out),
                "outputs are (num_steps, batch_size, num_directions * num_hiddens): stack the steps on dim 0"
                + (", concatenate the directions on the last dim" if d == 2 else ""),
            )
        shapes = [tuple(s.shape) for s in _as_tuple(got_state)]
        if shapes != [tuple(s.shape) for s in _as_tuple(want_state)]:
            fail(
                f"the shape of the final state {what}",
                describe(want_state),
                describe(got_state),
                "the state is (num_layers * num_directions, batch_size, num_hiddens): stack the final H of "
                "every layer and direction" + (", as a tuple (H, C)" if isinstance(twin, nn.LSTM) else ""),
            )
        diff = max(_max_diff(got_out, want_out), _max_diff(got_state, want_state))
        if not diff <= TOL:
            cause = _diagnose(layer, twin, inputs, state, got_out, got_state, want_out, want_state, i == 0)
            fail(
                f"outputs and state {what}, with {type(twin).__name__}'s weights copied in",
                f"max abs difference <= {TOL:g}",
                f"{diff:.3g}",
                cause,
            )
        worst = max(worst, diff)
        what = f"for inputs of shape {tuple(inputs.shape)}, with {type(twin).__name__}'s weights copied in"
        grad_diff = compare_gradients(  # the same layer, with autograd on
            layer,
            reference,
            params64,
            inputs.double(),
            tuple(s.double() for s in state) if isinstance(state, tuple) else state.double(),
            what,
            gen,
            GRAD_CAUSE,
            names=pairs,
            spy_name=name,
        )
        worst_grad = max(worst_grad, grad_diff)
    _check_interface(layer, twin)
    config = f"num_layers={twin.num_layers}" + (", bidirectional=True" if twin.bidirectional else "")
    passed(
        f"{name} matches nn.{type(twin).__name__}({config}) with copied weights: outputs, "
        f"final state and the gradients through time (inputs, initial state, every weight; float64 "
        f"reference) from random initial states on {len(SHAPES)} input shapes (num_steps 1-7, "
        f"batch 1-3, new draws each run), no torch.nn recurrence inside; max abs diff {worst:.1e}, "
        f"largest relative gradient difference {worst_grad:.1e}"
    )
