"""Checks of exercise set 5 (backpropagation through time): the learner's hand-written BPTT and
the gradients with respect to the hidden states, against autograd in float64 on random
problems drawn afresh on every call. House conventions in ``core``.
"""

import torch

from .core import (
    call,
    describe,
    fail,
    fresh_rng,
    passed,
    relative_error,
)

# --- gradients through time ----------------------------------------------------------------


def _bptt_reference(X, Y, H0, params):
    import torch.nn.functional as F

    tp = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    H, loss, T = torch.tensor(H0), 0, len(X)
    for t in range(T):
        H = torch.tanh(torch.tensor(X[t]) @ tp["W_xh"] + H @ tp["W_hh"] + tp["b_h"])
        loss = loss + F.cross_entropy(H @ tp["W_hq"] + tp["b_q"], torch.tensor(Y[t]), reduction="sum")
    loss = loss / Y.size
    loss.backward()
    return loss.item(), {k: p.grad.numpy() for k, p in tp.items()}


# frr bptt_05: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def _require_unchanged(given, kept, what):
    """The learner's function left the arrays it was handed as they were: the notebook calls it
    again with the same arrays (another scale, another problem), so overwriting one in place
    makes every later call start from the wrong values."""
    import numpy as np

    for name, value in given.items():
        if isinstance(value, dict):
            _require_unchanged(value, kept[name], what)
        elif not np.array_equal(value, kept[name]):
            fail(
                f"the argument {name} after {what}",
                "unchanged: the function reads its arguments and returns new values",
                f"{name} overwritten in place",
                "work on a copy (g = g_last.copy(), or g = g * ... instead of g *= ...): the caller "
                "uses the same array again",
            )


def check_bptt(bptt):
    """``bptt(X, Y, H0, params) -> (loss, grads)`` in NumPy, against autograd in float64."""
    import numpy as np

    rng = fresh_rng()
    d, h, q = (int(v) for v in rng.integers(3, 7, 3))
    for T, B in ((1, 1), (3, 1), (6, 4)):
        params = {
            "W_xh": rng.normal(0, 0.5, (d, h)),
            "W_hh": rng.normal(0, 0.5, (h, h)),
            "b_h": rng.normal(0, 0.1, h),
            "W_hq": rng.normal(0, 0.5, (h, q)),
            "b_q": rng.normal(0, 0.1, q),
        }
        X, Y, H0 = rng.normal(size=(T, B, d)), rng.integers(0, q, (T, B)), rng.normal(size=(B, h))
        what = f"on a random problem with num_steps={T}, batch_size={B}"
        given = {
            "X": X.copy(),
            "Y": Y.copy(),
            "H0": H0.copy(),
            "params": {k: v.copy() for k, v in params.items()},
        }
        out = call(bptt, *given.values(), what=f"bptt(...) {what}")
        _require_unchanged(given, {"X": X, "Y": Y, "H0": H0, "params": params}, f"bptt(...) {what}")
        if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict)):
            fail(
                f"bptt(...) {what}",
                "a pair (loss, grads) with grads a dict",
                describe(out),
                "return loss, grads",
            )
        got_loss, grads = out
        loss, want_grads = _bptt_reference(X, Y, H0, params)  # computed after the learner's code ran
        if relative_error(got_loss, loss) > 1e-9:
            from_zero = _bptt_reference(X, Y, np.zeros_like(H0), params)[0]
            fail(
                f"the loss {what}",
                "the mean cross-entropy (relative error <= 1e-9)",
                f"{float(got_loss):.6g}, relative error {relative_error(got_loss, loss):.2g}",
                "start the recursion from the given H0, not from zeros"
                if relative_error(got_loss, from_zero) <= 1e-9
                else "the loss is 1/(num_steps * batch_size) times the sum "
                "over all positions of -log softmax(O_t)[y_t]",
            )
        for k, want in want_grads.items():
            g = grads.get(k)
            if g is None or np.shape(g) != want.shape:
                fail(
                    f"grads['{k}'] {what}",
                    f"an array of shape {want.shape}",
                    describe(g),
                    "one gradient per parameter, shaped like the parameter "
                    "(sum bias gradients over the batch)",
                )
            rel = np.linalg.norm(g - want) / max(np.linalg.norm(g) + np.linalg.norm(want), 1e-12)
            if rel > 1e-6:
                cause = (
                    "sum bias gradients over the batch and over time: b_q collects dO_t.sum(0), b_h "
                    "collects dA_t.sum(0) at every step"
                    if k.startswith("b_")
                    else "with one time step it was right: add the gradient arriving from step t+1 "
                    "(dH_next) before going through tanh at step t"
                    if T > 1
                    else "dO = (softmax(O) - onehot(Y)) / (num_steps * batch_size); tanh' = 1 - H**2; "
                    "sum bias gradients over the batch"
                )
                fail(
                    f"grads['{k}'] {what}",
                    "relative error < 1e-6 against autograd",
                    f"relative error {rel:.2e}",
                    cause,
                )
    passed(
        "bptt: loss and gradients of W_xh, W_hh, b_h, W_hq, b_q agree with autograd (float64, relative "
        "error < 1e-6) on 3 random problems (new on every run), num_steps 1-6, batch sizes 1 and 4"
    )


# frr state_gradients_05: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_state_gradients(grad_wrt_states):
    """``grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last)``: norms of dL/dH_t, t = 1..T, against autograd."""
    import numpy as np

    rng = fresh_rng()
    T, B, d, h = 6, 2, 3, 4
    X, H0 = rng.normal(size=(T, B, d)), rng.normal(size=(B, h))
    W_xh, W_hh, b_h, g = (
        rng.normal(size=(d, h)),
        rng.normal(size=(h, h)),
        rng.normal(size=h),
        rng.normal(size=(B, h)),
    )
    kept = {"X": X, "H0": H0, "W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "g_last": g}
    given = {k: v.copy() for k, v in kept.items()}
    got = call(grad_wrt_states, *given.values(), what="grad_wrt_states(...)")
    _require_unchanged(given, kept, "grad_wrt_states(...)")
    Hs, H = [], torch.tensor(H0, requires_grad=True)
    for t in range(T):
        H = torch.tanh(torch.tensor(X[t]) @ torch.tensor(W_xh) + H @ torch.tensor(W_hh) + torch.tensor(b_h))
        H.retain_grad()
        Hs.append(H)
    (Hs[-1] * torch.tensor(g)).sum().backward()
    want = np.array([float(H.grad.norm()) for H in Hs])
    try:
        got = np.asarray(got, float).reshape(-1)
    except (TypeError, ValueError):
        fail("norms of dL/dH_t for t = 1..6", "6 numbers", describe(got), "return a list of 6 floats")
    if len(got) != T or not np.allclose(got, want, rtol=1e-8):
        cause = (
            "the order is reversed: return t = 1 first"
            if len(got) == T and np.allclose(got[::-1], want)
            else f"{len(got)} norms: one per step t = 1..{T}, without H_0"
            if len(got) != T
            else "the last norm is right: each step back multiplies by tanh' = 1 - H_t**2 (at the step the "
            "gradient leaves), then by W_hh.T"
            if np.isclose(got[-1], want[-1])
            else "at t = T the gradient is g_last itself; each step back multiplies by tanh' = 1 - H_t**2, "
            "then by W_hh.T"
        )
        rel = (np.abs(got - want) / np.maximum(want, 1e-12)).round(3).tolist() if len(got) == T else None
        fail(
            "norms of dL/dH_t for t = 1..6 on a random problem",
            "agreement with autograd (rtol 1e-8)",
            f"relative errors {rel}" if rel else describe(got),
            cause,
        )
    passed("grad_wrt_states: the norms of dL/dH_t for t = 1..6 agree with autograd (float64, random problem)")
