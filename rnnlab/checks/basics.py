"""Checks for the chapters' small functions: sampling, language models, gradients, BPTT,
and the bidirectional layer. The house conventions are in ``rnnlab.checks.core``.

Every check draws its inputs afresh on each call, runs the learner's code first and computes the
reference only afterwards, and reports how far a result is off rather than the exact value it
expected (so nothing printed can be pasted back as a constant).
"""

import torch

from .core import (
    call,
    describe,
    fail,
    fresh_generator,  # noqa: F401
    fresh_rng,
    passed,
    relative_error,
)
from .lm import check_below_unigram, check_trained_lm, unigram_perplexity  # noqa: F401


def _close(a, b, tol=1e-5):
    return a.shape == b.shape and bool(torch.isfinite(a).all()) and float((a - b).abs().max()) <= tol


# --- sampling -------------------------------------------------------------------------------

_CASES = [  # (what, kwargs, temperature, alpha, likely cause)
    ("temperature=1, alpha=1 (plain softmax)", {}, 1.0, 1.0, "softmax: exp(logits) / sum(exp(logits))"),
    ("temperature=0.5", {"temperature": 0.5}, 0.5, 1.0, "divide the logits by the temperature"),
    (
        "temperature=1e-4 (close to argmax)",
        {"temperature": 1e-4},
        1e-4,
        1.0,
        "exp overflows for small temperatures: subtract the max logit first (or use torch.softmax)",
    ),
    ("alpha=2 (sharpened)", {"alpha": 2.0}, 1.0, 2.0, "raise the probabilities to alpha, then renormalise"),
    ("alpha=0 (flat)", {"alpha": 0.0}, 1.0, 0.0, "p ** 0 is 1 for every token: uniform"),
    (
        "temperature=2, alpha=3",
        {"temperature": 2.0, "alpha": 3.0},
        2.0,
        3.0,
        "apply the temperature first, then the power alpha, then renormalise",
    ),
]


# frr next_token_probs_03: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_next_token_probs(next_token_probs):
    """``next_token_probs(logits, temperature=1.0, alpha=1.0)``: softmax(logits / T) ** alpha,
    renormalised."""
    gen = fresh_generator()
    rows, vocab = (
        int(torch.randint(2, 6, (1,), generator=gen)),
        int(torch.randint(5, 13, (1,), generator=gen)),
    )
    logits = torch.randn(rows, vocab, generator=gen) * 3
    shape = (rows, vocab)
    for what, kwargs, T, alpha, cause in _CASES:
        got = call(next_token_probs, logits.clone(), what=f"next_token_probs(logits, {what})", **kwargs)
        if not isinstance(got, torch.Tensor) or got.shape != shape:
            fail(
                f"next_token_probs(logits of shape {shape}, {what})",
                f"probabilities of shape {shape}",
                describe(got),
                "keep the shape; normalise over the last dim (one distribution per row)",
            )
        sums = got.sum(-1)
        if not (torch.isfinite(got).all() and (got >= 0).all() and _close(sums, torch.ones(rows))):
            fail(
                f"next_token_probs, {what}: each row is a distribution",
                "non-negative rows summing to 1",
                f"row sums {[round(v, 4) for v in sums.tolist()]}",
                cause,
            )
        want = torch.softmax(alpha * logits / T, -1) if alpha else torch.full_like(logits, 1 / vocab)
        if not _close(got, want):
            fail(
                f"next_token_probs, {what}, on random logits",
                "softmax(logits / T) ** alpha, renormalised (max abs difference <= 1e-5)",
                f"max abs difference {float((got - want).abs().max()):.3g}",
                cause,
            )
    one = call(next_token_probs, logits[0].clone())
    if (
        not isinstance(one, torch.Tensor)
        or one.shape != (vocab,)
        or not _close(one, torch.softmax(logits[0], -1))
    ):
        fail(
            "next_token_probs on a 1-d vector of logits",
            f"shape ({vocab},), the softmax",
            describe(one),
            "use dim=-1, not dim=1",
        )
    passed(
        "next_token_probs: rows sum to 1; T=1, alpha=1 is softmax; T -> 0 and large alpha give the argmax; "
        "alpha=0 is uniform; softmax(l/T)**alpha == softmax(alpha*l/T); works on 1-d and batched logits "
        "(random logits, new on every run)"
    )


# --- language models ------------------------------------------------------------------------


def _random_like_state(state, gen):
    if isinstance(state, (tuple, list)):
        return type(state)(_random_like_state(s, gen) for s in state)
    return torch.randn(state.shape, generator=gen).to(state.device)


def _same(a, b, tol=1e-5):
    if isinstance(a, (tuple, list)):
        return (
            isinstance(b, (tuple, list)) and len(a) == len(b) and all(_same(x, y, tol) for x, y in zip(a, b))
        )
    return isinstance(b, torch.Tensor) and a.shape == b.shape and float((a - b).abs().max()) <= tol


# frr language_model_03: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_language_model(net, vocab_size, embedding=True):
    """The RNNLM interface: (batch, steps) ids -> time-major logits (steps*batch, vocab), state.
    Also: the initial state is used, the returned state continues the sequence, and (with
    ``embedding``) the nn.Embedding is what the tokens go through."""
    from torch import nn

    name = type(net).__name__
    embeddings = [m for m in net.modules() if isinstance(m, nn.Embedding)]
    if embedding and not embeddings:
        fail(
            f"an nn.Embedding inside {name}",
            "a learnable embedding table",
            "none",
            "create nn.Embedding(vocab_size, embed_size) in __init__ and look the tokens up with it",
        )
    gen = fresh_generator()
    device = next(net.parameters()).device
    run = lambda X, state: call(
        net,
        X.to(device),
        state,
        what=f"{name}(X, state)",
        cause="the recurrent layer reads time-major inputs (num_steps, batch_size, "
        "features): embed X.T, not X, and pass the state on",
    )
    with torch.no_grad():
        for batch_size, num_steps in ((1, 1), (1, 6), (3, 5)):
            X = torch.randint(0, vocab_size, (batch_size, num_steps), generator=gen)
            out = run(X, net.begin_state(batch_size=batch_size, device=device))
            if not (isinstance(out, tuple) and len(out) == 2):
                fail("what forward returns", "(logits, state)", describe(out), "return logits, state")
            y, _ = out
            if not isinstance(y, torch.Tensor) or y.shape != (num_steps * batch_size, vocab_size):
                fail(
                    f"the logits for X of shape {tuple(X.shape)} (batch_size, num_steps)",
                    (num_steps * batch_size, vocab_size),
                    describe(y),
                    "one row of logits per position: (num_steps * batch_size, vocab_size)",
                )
        X2 = X.clone()
        X2[:, -1] = (X2[:, -1] + 1) % vocab_size  # change the last step of every sequence
        y2, _ = run(X2, net.begin_state(batch_size=3, device=device))
        changed = ((y2 - y).abs().amax(1) > 1e-7).reshape(-1).tolist()
        time_major = [False] * (4 * 3) + [True] * 3
        if changed != time_major:
            batch_major = [t == 4 for b in range(3) for t in range(5)]
            cause = (
                (
                    "the logits are batch-major: reshape the (num_steps, batch_size, ...) outputs, do not "
                    "transpose them, so rows line up with Y.T.reshape(-1)"
                )
                if changed == batch_major
                else (
                    "the inputs must go through the model in time order, and position t must see only "
                    "tokens 0..t; feed X.T (time-major) to the recurrent layer"
                )
            )
            fail(
                "which logits change when only the LAST token of each sequence changes",
                "only the last 3 rows (time-major layout)",
                f"rows {[i for i, c in enumerate(changed) if c]}",
                cause,
            )
        # the state: a random initial state must change the first logits, and running the
        # sequence in two halves (carrying the returned state) must equal running it whole
        zero = net.begin_state(batch_size=3, device=device)
        start = _random_like_state(zero, gen)
        y_zero, _ = run(X, zero)
        y_start, whole_state = run(X, start)
        if float((y_start[:3] - y_zero[:3]).abs().max()) <= 1e-7:
            fail(
                "the first logits with a random initial state vs the zero state",
                "different",
                "identical",
                "the state passed to forward is ignored: give it to the recurrent layer",
            )
        y_a, mid = run(X[:, :2], start)
        y_b, end = run(X[:, 2:], mid)
        if not (_same(torch.cat([y_a, y_b]), y_start) and _same(end, whole_state)):
            fail(
                "running 5 steps in two calls (2 + 3, the returned state carried) vs in one call",
                "the same logits and final state",
                "different",
                "return the recurrent layer's final state, the one after the LAST step",
            )
        if embedding:  # nudge the embedding table: if the tokens go through it, the logits move
            saved = [m.weight.detach().clone() for m in embeddings]
            try:
                for m in embeddings:
                    m.weight.add_(torch.randn(m.weight.shape, generator=gen).to(m.weight.device))
                y_nudged, _ = run(X, zero)
            finally:
                for m, w in zip(embeddings, saved):
                    m.weight.copy_(w)
            if float((y_nudged - y_zero).abs().max()) <= 1e-7:
                fail(
                    "the logits after changing the embedding table",
                    "different (the tokens are looked up in it)",
                    "unchanged",
                    "the embedding is created but never used: feed "
                    "self.embedding(X.T) to the recurrent layer instead of one-hot vectors",
                )
    passed(
        f"{name}: (batch_size, num_steps) ids -> logits (num_steps * batch_size, {vocab_size}), "
        "time-major, causal, batch sizes 1 and 3; the initial state is used and the returned state "
        "continues the sequence" + (", the tokens go through the nn.Embedding" if embedding else "")
    )


# --- gradients ------------------------------------------------------------------------------


# frr grad_norm_03: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_grad_norm(grad_norm):
    """``grad_norm(net)``: the global L2 norm of all gradients, computed without changing them.

    Properties every correct solution has: the result is sqrt(sum of squared entries) over every
    parameter that has a gradient (parameters without one skipped); the gradients are left
    exactly as they were, also when their norm is far above a clipping threshold."""
    from torch import nn

    gen = fresh_generator()
    n_in, n_h = (int(v) for v in torch.randint(2, 7, (2,), generator=gen))
    with torch.random.fork_rng():  # the learner's random stream is left as it was
        net = nn.ModuleDict({"rnn": nn.RNN(n_in, n_h), "out": nn.Linear(n_h, 2), "unused": nn.Linear(2, 2)})
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(torch.randn(p.shape, generator=gen))
    out, _ = net["rnn"](torch.randn(5, 2, n_in, generator=gen))
    (net["out"](out) ** 2).sum().backward()
    grads = [p.grad for p in net.parameters() if p.grad is not None]
    with torch.no_grad():  # a norm well above any usual clipping threshold (1, 5, 10): a
        total = torch.stack([g.norm() for g in grads]).norm()  # "measure" that clips changes them
        for g in grads:
            g.mul_(float(torch.empty(()).uniform_(40, 400, generator=gen)) / float(total))
    before = [g.clone() for g in grads]
    result = call(
        grad_norm,
        net,
        what="grad_norm(net)",
        cause="parameters that received no gradient have p.grad None: skip them",
    )
    try:
        got = float(result)
    except (TypeError, ValueError, RuntimeError):
        fail(
            "grad_norm(net)",
            "one number (float or 0-d tensor)",
            describe(result),
            "return the norm, not a list",
        )
    if any(not torch.equal(g, b) for g, b in zip(grads, before)):
        fail(
            "the gradients after grad_norm(net)",
            "unchanged",
            "changed",
            "measure only; do not clip or zero them",
        )
    norms = torch.stack([g.norm() for g in before])
    want = float(norms.norm())
    if relative_error(got, want) > 1e-5:
        causes = {
            float(norms.sum()): "that is the SUM of per-parameter norms; take sqrt(sum of squares)",
            want**2: "the square of the norm: take the square root",
            float(norms[-1]): "only the last parameter: loop over all of net.parameters()",
        }
        cause = next(
            (c for v, c in causes.items() if relative_error(got, v) <= 1e-5),
            "sqrt of the sum of squared entries over every parameter with a gradient (skip p.grad is None)",
        )
        fail(
            "grad_norm(net) on a small RNN with random gradients",
            "the global L2 norm (relative error <= 1e-5)",
            f"{got:.6g}, relative error {relative_error(got, want):.2g}",
            cause,
        )
    passed(
        f"grad_norm: the global L2 norm over all {len(grads)} gradients of a random RNN, parameters without "
        "a gradient skipped, gradients left unchanged"
    )


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
        out = call(
            bptt,
            X.copy(),
            Y.copy(),
            H0.copy(),
            {k: v.copy() for k, v in params.items()},
            what=f"bptt(...) {what}",
        )
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
    got = call(
        grad_wrt_states,
        X.copy(),
        H0.copy(),
        W_xh.copy(),
        W_hh.copy(),
        b_h.copy(),
        g.copy(),
        what="grad_wrt_states(...)",
    )
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


def _uneven_gradients(layer, X, sf, sb, gen):
    """Gradients of a loss on every output step and both final states, with respect to the inputs
    and both initial states: (where, relative gap) for the learner's layer against the
    construction from its own ``fwd`` and ``bwd``."""
    from .gradients import gradient_gap, weighted_loss

    def grads(run):
        leaves = [t.detach().clone().requires_grad_() for t in (X, sf, sb)]
        out, state = run(*leaves)
        loss = weighted_loss(out, state, weights)
        if not loss.requires_grad:
            return [None, None, None]
        return torch.autograd.grad(loss, leaves, allow_unused=True)

    def reference(x, f, b):
        out_f, state_f = layer.fwd(x, f)
        out_b, state_b = layer.bwd(torch.flip(x, [0]), b)
        return torch.cat([out_f, torch.flip(out_b, [0])], dim=-1), (state_f, state_b)

    weights = (
        torch.randn(*X.shape[:2], layer.fwd.hidden_size + layer.bwd.hidden_size, generator=gen),
        [torch.randn(sf.shape, generator=gen), torch.randn(sb.shape, generator=gen)],
    )
    got = grads(lambda x, f, b: call(layer, x, (f, b), what=f"{type(layer).__name__}(X, state)"))
    want = grads(reference)
    names = ("the inputs", "the forward initial state", "the backward initial state")
    return [(n, gradient_gap(g, w)) for n, g, w in zip(names, got, want)]


# frr uneven_bidirectional_09: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_uneven_bidirectional(layer):
    """A bidirectional layer whose directions ``layer.fwd`` and ``layer.bwd`` have different sizes,
    called as ``layer(X, (state_fwd, state_bwd))`` -> (outputs, (state_fwd, state_bwd)).

    Properties every correct solution has: outputs (num_steps, batch_size, h_fwd + h_bwd), step t
    holding [forward output at t, backward output at t] where the backward direction reads the
    inputs reversed in time from ``state_bwd`` and the forward one reads them from ``state_fwd``;
    the final states of both directions as a pair; and the same gradients as that construction
    (a loss on every step and both final states, with respect to the inputs and both initial
    states), for one step and several, batch size 1 and more."""
    gen = fresh_generator()
    hf, hb = layer.fwd.hidden_size, layer.bwd.hidden_size
    for num_steps, batch_size in ((1, 1), (6, 1), (4, 3)):
        X = torch.randn(num_steps, batch_size, layer.fwd.input_size, generator=gen)
        sf, sb = torch.randn(1, batch_size, hf, generator=gen), torch.randn(1, batch_size, hb, generator=gen)
        with torch.no_grad():
            got = call(layer, X.clone(), (sf.clone(), sb.clone()), what=f"{type(layer).__name__}(X, state)")
            got_out, got_state = got if isinstance(got, (tuple, list)) and len(got) == 2 else (got, None)
            out_f, want_sf = layer.fwd(X, sf)
            out_b, want_sb = layer.bwd(torch.flip(X, [0]), sb)
            want = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
        what = f"outputs for inputs of shape {tuple(X.shape)}"
        if not isinstance(got_out, torch.Tensor) or got_out.shape != want.shape:
            fail(
                what,
                f"shape {tuple(want.shape)}: (num_steps, batch_size, {hf} + {hb})",
                describe(got_out),
                "concatenate the two directions' outputs on the last dim; their widths add up",
            )
        if not _close(got_out[..., :hf], want[..., :hf]):
            cause = (
                "the initial state is ignored: pass state_fwd to self.fwd (and state_bwd to self.bwd)"
                if _close(got_out[..., :hf], layer.fwd(X)[0])
                else "put the forward direction first: torch.cat([forward, backward], dim=-1)"
            )
            fail(
                f"{what}, first {hf} features",
                "the forward direction's outputs from the given state",
                "something else",
                cause,
            )
        if not _close(got_out, want):
            cause = (
                "the backward outputs are in reverse time order: flip them back"
                if _close(got_out[..., hf:], torch.flip(want[..., hf:], [0]))
                else "the initial state of the backward direction is ignored: pass state_bwd to self.bwd"
                if _close(got_out[..., hf:], torch.flip(layer.bwd(torch.flip(X, [0]))[0], [0]))
                else "the backward direction reads the inputs reversed in time: flip, run, flip back"
            )
            fail(
                f"{what}, last {hb} features",
                "the backward direction's outputs, aligned with time step t",
                "something else",
                cause,
            )
        if not (
            isinstance(got_state, (tuple, list))
            and len(got_state) == 2
            and _same(got_state[0], want_sf)
            and _same(got_state[1], want_sb)
        ):
            fail(
                f"the final state for inputs of shape {tuple(X.shape)}",
                "(state_fwd, state_bwd): each direction's state after its last step",
                describe(got_state),
                "return the two directions' final states as a pair (a tuple or a list), forward first",
            )
        # relative tolerance 1e-4: 0 of 200 correct runs rejected (2026-12-06)
        bad = [(where, gap) for where, gap in _uneven_gradients(layer, X, sf, sb, gen) if not gap <= 1e-4]
        if bad:
            where, gap = bad[0]
            fail(
                f"gradients for inputs of shape {tuple(X.shape)} of a loss on every output step and "
                "both final states",
                "those of the two directions run as in the exercise (relative difference <= 1e-4)",
                f"with respect to {where}: "
                + ("no gradient at all" if gap == float("inf") else f"relative difference {gap:.3g}"),
                "the outputs are right but the graph is cut: no .detach(), .data, .item() or "
                "torch.no_grad on the way from the inputs and states to the outputs",
            )
    passed(
        f"{type(layer).__name__}: outputs (num_steps, batch_size, {hf} + {hb}) = [forward, backward] with "
        "the backward direction aligned in time, from random initial states, final states returned, "
        "gradients through time to the inputs and both initial states, batch sizes 1 and 3"
    )
