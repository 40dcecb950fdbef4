"""Gradients through time: a scratch recurrent layer against a float64 reference on the same weights.

Forward values alone cannot tell a layer that cuts the graph (``detach()`` at every step, between
layers, on the returned state) from a right one: the numbers are the same, only the gradients
differ. ``compare_gradients`` therefore runs the learner's layer with autograd on, takes a loss
that depends on the output of EVERY step and on the returned state, with random weights per
entry (so no gradient can cancel by symmetry), and compares the gradients with respect to the
inputs, the initial state and every parameter with those of a float64 reference computed after
the learner's code ran. The loss depends on the initial state through the recursion, so a state
that is ignored or cut off gets a zero gradient where the reference has none.
"""

import torch

from .core import call, fail, recurrence_spy

GRAD_RTOL = 1e-4  # float32 learner against float64 reference: measured mismatches are below 1e-6
# frr twin_03, twin_09, two_layer_rnn_08, gru_variant_06 (2,000 runs, fresh weights and inputs,
# 2026-12-07): 0 rejected; slack log10(GRAD_RTOL / gap) mean 2.2-2.5 decades, sd 0.10-0.22, min
# 0.70: 10 sd or more, est. < 1e-20.


def _parts(state):
    return list(state) if isinstance(state, (tuple, list)) else [state]


def _loss(outputs, state, out_weights, state_weights):
    total = (outputs.double() * out_weights).sum()
    for part, w in zip(_parts(state), state_weights):
        total = total + (part.double() * w).sum()
    return total


def compare_gradients(layer, reference, params, inputs, state, what, gen, cause, names=None, spy_name=None):
    """Compare the gradients of the learner's ``layer`` with those of ``reference``.

    ``reference(inputs, state, params)``: the float64 computation, differentiable in its three
    arguments (``params`` a dict of float64 leaf tensors named like the layer's parameters, or
    renamed through ``names``: layer name -> reference name). ``inputs`` and ``state`` are float64;
    the layer gets them in its own dtype. ``cause``: the likely mistake when only the gradients
    differ (the forward values were compared before). With ``spy_name``, the learner's forward and
    backward run under ``recurrence_spy`` (no fused kernel allowed). Returns the largest relative
    difference."""
    dtype = next(layer.parameters()).dtype
    names = names or {n: n for n in params}
    mine = dict(layer.named_parameters())
    x = inputs.to(dtype).clone().requires_grad_(True)
    s = [p.to(dtype).clone().requires_grad_(True) for p in _parts(state)]
    s_arg = tuple(s) if isinstance(state, (tuple, list)) else s[0]
    with recurrence_spy() as spy:
        out, new_state = call(layer, x, s_arg, what=f"{what} with autograd on")
        out_w = torch.randn(out.shape, generator=gen, dtype=torch.float64)
        state_w = [torch.randn(p.shape, generator=gen, dtype=torch.float64) for p in _parts(new_state)]
        loss = _loss(out, new_state, out_w, state_w)
        if not loss.requires_grad:
            fail(
                f"the gradient of a loss on the outputs of {what}",
                "outputs connected to the inputs, the initial state and the parameters",
                "outputs with no gradient at all",
                "the forward pass runs under torch.no_grad() or detaches its result: let autograd "
                "see every operation",
            )
        wrt = [x, *s, *(mine[n] for n in names)]
        grads = torch.autograd.grad(loss, wrt, allow_unused=True)
    if spy_name:
        spy.reject(spy_name)
    # the reference, computed now (after the learner's code ran)
    rx = inputs.clone().requires_grad_(True)
    rs = [p.clone().requires_grad_(True) for p in _parts(state)]
    rp = {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}
    r_out, r_state = reference(rx, tuple(rs) if isinstance(state, (tuple, list)) else rs[0], rp)
    r_loss = _loss(r_out, r_state, out_w, state_w)
    r_wrt = [rx, *rs, *(rp[names[n]] for n in names)]
    r_grads = torch.autograd.grad(r_loss, r_wrt, allow_unused=True)
    labels = ["the inputs"] + [
        f"the initial state{'' if len(s) == 1 else f' (part {i})'}" for i in range(len(s))
    ]
    labels += [f"{n}" for n in names]
    worst = 0.0
    for label, g, r, leaf in zip(labels, grads, r_grads, r_wrt):
        r = torch.zeros_like(leaf) if r is None else r
        g = torch.zeros_like(r) if g is None else g.double()
        if g.shape != r.shape:
            continue  # shapes were checked with the parameters
        scale = float(r.abs().max()) + 1e-6
        rel = float((g - r).abs().max()) / scale
        worst = max(worst, rel)
        if not rel <= GRAD_RTOL:
            zero = float(g.abs().max()) == 0.0
            fail(
                f"the gradient with respect to {label} of a loss on every step's output and on the "
                f"returned state, {what}",
                f"equal to the float64 reference on the same weights (relative difference <= {GRAD_RTOL:g})",
                "zero: no gradient arrives there" if zero else f"relative difference {rel:.3g}",
                cause,
            )
    return worst
