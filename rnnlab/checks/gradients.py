"""Gradients through time: a scratch layer must be interchangeable with its torch.nn twin for
training, not only for its forward values. A layer that cuts the graph (``.detach()`` between
layers or steps, a state rebuilt from ``.data`` or ``.item()``) computes the right outputs and the
wrong gradients; these helpers compare the gradients of a loss that depends on every output step
and on every final state, with respect to the inputs, the initial state and every parameter."""

import copy

import torch
from torch import nn

from .core import call, describe, fail, fresh_generator, passed
from .layers import copy_twin_weights

# float32 learner against a float64 reference: rounding stays below 1e-5 of the gradients' scale
GRAD_RTOL = 1e-4  # 0 of 200 correct runs rejected (2-layer BiGRU, 2026-12-06)
# frr twin_09 (200 runs, 2026-12-07): slack log10(GRAD_RTOL / gap) mean 2.64 decades, sd 0.11, min
# 2.19: 24.8 sd, est. < 1e-30.


def _as_tuple(state):
    return tuple(state) if isinstance(state, (tuple, list)) else (state,)


def _leaf(t):
    return t.detach().clone().requires_grad_()


def weighted_loss(outputs, state, weights):
    """sum(outputs * W_out) + sum over the state's tensors of sum(s * W_s): every step and every
    final state counts, with random signs, so no gradient can vanish by symmetry."""
    w_out, w_state = weights
    loss = (outputs * w_out.to(outputs.dtype)).sum()
    for s, w in zip(_as_tuple(state), w_state):
        loss = loss + (s * w.to(s.dtype)).sum()
    return loss


def gradient_gap(got, want):
    """max |got - want| relative to the scale of ``want`` (at least 1)."""
    if got is None:
        return float("inf")
    scale = max(1.0, float(want.abs().max()))
    return float((got.double() - want.double()).abs().max()) / scale


def _param_pairs(layer, twin):
    """(name in the layer, its parameter, the twin's parameter), matched as copy_twin_weights does."""
    mine, theirs = dict(layer.named_parameters()), list(twin.named_parameters())
    if all(name in mine for name, _ in theirs):
        return [(name, mine[name], p) for name, p in theirs]
    return [(n, p, q) for (n, p), (_, q) in zip(mine.items(), theirs)]


def _state_like(twin, batch_size, gen):
    d = 2 if twin.bidirectional else 1
    shape = (twin.num_layers * d, batch_size, twin.hidden_size)
    make = lambda: torch.randn(*shape, generator=gen)  # noqa: E731
    return (make(), make()) if isinstance(twin, nn.LSTM) else make()


def check_twin_gradients(layer, twin, shapes=((1, 1), (6, 2))):
    """Copy ``twin``'s weights into ``layer`` and compare gradients through time.

    Properties every correct solution has: with the same weights, the gradients of a loss that
    weighs every output step and every final state (random weights) equal those of the twin run
    in float64, with respect to the inputs, the initial state and every parameter, for one step
    and several, batch size 1 and more. (The forward values are ``check_twin``'s business.)"""
    name = type(layer).__name__
    copy_twin_weights(layer, twin)
    ref = copy.deepcopy(twin).double()
    pairs = _param_pairs(layer, ref)
    gen = fresh_generator()
    for num_steps, batch_size in shapes:
        X = torch.randn(num_steps, batch_size, twin.input_size, generator=gen)
        H0 = _state_like(twin, batch_size, gen)
        d = 2 if twin.bidirectional else 1
        w_out = torch.randn(num_steps, batch_size, d * twin.hidden_size, generator=gen)
        weights = (w_out, [torch.randn(s.shape, generator=gen) for s in _as_tuple(H0)])
        what = f"{name} with {type(twin).__name__}'s weights, inputs of shape {tuple(X.shape)}"

        Xg, Hg = _leaf(X), tuple(_leaf(s) for s in _as_tuple(H0))
        layer.zero_grad(set_to_none=True)
        got = call(layer, Xg, Hg if isinstance(H0, tuple) else Hg[0], what=f"{name}(inputs, state)")
        if not (isinstance(got, tuple) and len(got) == 2):
            fail(what, "(outputs, state)", describe(got), "return outputs, state like torch.nn")
        loss = weighted_loss(*got, weights)
        if not loss.requires_grad:
            fail(
                f"{what}: a loss computed from the outputs and the final state",
                "a loss connected to the inputs and the parameters",
                "a loss with no graph",
                "the layer's results are detached (torch.no_grad, .detach(), .data or .item()): "
                "compute them with torch operations on the inputs and your parameters",
            )
        call(loss.backward, what=f"backward through {name}")

        Xr, Hr = _leaf(X.double()), tuple(_leaf(s.double()) for s in _as_tuple(H0))
        ref.zero_grad(set_to_none=True)
        weighted_loss(*ref(Xr, Hr if isinstance(H0, tuple) else Hr[0]), weights).backward()

        gaps = [("the inputs", gradient_gap(Xg.grad, Xr.grad))]
        gaps += [("the initial state", max(gradient_gap(g.grad, r.grad) for g, r in zip(Hg, Hr)))]
        gaps += [(f"the parameter {n}", gradient_gap(p.grad, q.grad)) for n, p, q in pairs]
        bad = [(where, gap) for where, gap in gaps if not gap <= GRAD_RTOL]
        if bad:
            where, gap = bad[0]
            fail(
                f"{what}: gradients of a loss weighing every output step and the final state",
                f"those of {type(twin).__name__} in float64 (relative difference <= {GRAD_RTOL:g}) with "
                "respect to the inputs, the initial state and every parameter",
                f"{len(bad)} of {len(gaps)} differ, first with respect to {where} "
                + ("(no gradient at all)" if gap == float("inf") else f"(relative difference {gap:.3g})"),
                "the forward values can be right while the graph is cut: no .detach(), .data, "
                ".item() or torch.no_grad between the layers or between the time steps; every "
                "layer must take the previous layer's outputs as they are",
            )
    passed(
        f"{name}: gradients through time equal {type(twin).__name__}'s (float64) with respect to the "
        f"inputs, the initial state and all {len(pairs)} parameters, for a loss on every step and the "
        f"final state ({len(shapes)} input shapes, new draws each run)"
    )
