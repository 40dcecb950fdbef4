"""Checks of exercise set 3 (an RNN from scratch): sampling with a temperature and a power, the
gradient norm used for clipping (the language model over embeddings: ``set03_embedding_lm``).

Every check draws its inputs afresh on each call, runs the learner's code first and computes the
reference only afterwards, and reports how far a result is off rather than the exact value it
expected (so nothing printed can be pasted back as a constant). House conventions in ``core``.
"""

import torch

from .core import call, close, describe, fail, fresh_generator, passed, relative_error

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
        if not (torch.isfinite(got).all() and (got >= 0).all() and close(sums, torch.ones(rows))):
            fail(
                f"next_token_probs, {what}: each row is a distribution",
                "non-negative rows summing to 1",
                f"row sums {[round(v, 4) for v in sums.tolist()]}",
                cause,
            )
        want = torch.softmax(alpha * logits / T, -1) if alpha else torch.full_like(logits, 1 / vocab)
        if not close(got, want):
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
        or not close(one, torch.softmax(logits[0], -1))
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
    holders = [p for p in net.parameters() if p.grad is not None]
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
    if any(p.grad is None or not torch.equal(p.grad, b) for p, b in zip(holders, before)):
        gone = sum(p.grad is None for p in holders)
        fail(
            "the gradients of net's parameters after grad_norm(net)",
            "unchanged, each still in p.grad (the step after the measurement uses them)",
            f"{gone} of {len(holders)} set to None" if gone else "changed",
            "measure only; do not clip or zero them (net.zero_grad() removes them before the "
            "clipping and the optimizer step)",
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
