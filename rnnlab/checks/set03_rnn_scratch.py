"""Checks of exercise set 3 (an RNN from scratch): sampling with a temperature and a power, the
learner's language model on a stack of steps, the gradient norm used for clipping.

Every check draws its inputs afresh on each call, runs the learner's code first and computes the
reference only afterwards, and reports how far a result is off rather than the exact value it
expected (so nothing printed can be pasted back as a constant). House conventions in ``core``.
"""

import torch

from .core import (
    call,
    close,
    first_cause,
    describe,
    fail,
    fresh_generator,
    passed,
    relative_error,
)

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


# --- language models ------------------------------------------------------------------------


def _random_like_state(state, gen):
    if isinstance(state, (tuple, list)):
        return type(state)(_random_like_state(s, gen) for s in state)
    return torch.randn(state.shape, generator=gen).to(state.device)


# frr language_model_03: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_language_model(net, vocab_size, embedding=True):
    """The RNNLM interface: (batch, steps) ids -> time-major logits (steps*batch, vocab), state.

    Properties every correct solution has: the logits are time-major and causal; the initial
    state is used and the returned state continues the sequence; with ``embedding``, the tokens
    go through the nn.Embedding and its table is learned (a loss on the logits sends it a
    gradient, and it is one of net.parameters())."""
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
    probe = _LMProbe(net, vocab_size, embeddings)
    with torch.no_grad():
        X, y = probe.logits_of_every_shape()
        X2 = X.clone()
        X2[:, -1] = (X2[:, -1] + 1) % vocab_size  # change the last step of every sequence
        y2, _ = probe.run(X2, net.begin_state(batch_size=3, device=probe.device))
        changed = ((y2 - y).abs().amax(1) > 1e-7).reshape(-1).tolist()
        if changed != [False] * (4 * 3) + [True] * 3:  # time-major: only the last 3 rows
            fail(
                "which logits change when only the LAST token of each sequence changes",
                "only the last 3 rows (time-major layout)",
                f"rows {[i for i, c in enumerate(changed) if c]}",
                first_cause(_LAYOUT_CAUSES, changed),
            )
        probe.start_states(X)
        found = first_cause(
            _STATE_MISTAKES if not embedding else _STATE_MISTAKES + _EMBEDDING_MISTAKES, probe
        )
        if found:
            fail(*found)
    if embedding:
        _require_learned_table(net, embeddings, probe.run, X, probe.zero)
    passed(
        f"{name}: (batch_size, num_steps) ids -> logits (num_steps * batch_size, {vocab_size}), "
        "time-major, causal, batch sizes 1 and 3; the initial state is used and the returned state "
        "continues the sequence"
        + (", the tokens go through the nn.Embedding, whose table receives a gradient" if embedding else "")
    )


def _require_learned_table(net, embeddings, run, X, state):
    """The text asks for a *learned* embedding (trainable vectors): a loss on the logits sends a
    gradient to the table's rows, and the table is among net.parameters() (what an optimizer
    built as in the chapter trains). The learner's own gradients are put back afterwards."""
    saved = {p: p.grad for p in net.parameters()}
    try:
        for p in saved:
            p.grad = None
        with torch.enable_grad():
            y, _ = run(X, state)
            if y.requires_grad:
                (y.float() ** 2).mean().backward()
        owned = {id(p) for p in saved}
        reached = [
            m.weight.requires_grad
            and id(m.weight) in owned
            and m.weight.grad is not None
            and bool(m.weight.grad.abs().sum() > 0)
            for m in embeddings
        ]
    finally:
        for p, g in saved.items():
            p.grad = g
    if not any(reached):
        fail(
            "the gradient of a loss on the logits with respect to the embedding table (one backward pass)",
            "non-zero in the rows of the tokens read: the table is learned with the rest of the model",
            "no gradient reaches the table",
            "the table is frozen or cut off from training (from_pretrained(..., freeze=True), "
            "requires_grad_(False), a lookup under torch.no_grad() or .detach()): use "
            "nn.Embedding(vocab_size, embed_size) as it is",
        )


class _LMProbe:
    """Runs the learner's language model on inputs drawn here; the experiments the tables below
    read, each run only when its row is reached (in order, as the random draws are)."""

    def __init__(self, net, vocab_size, embeddings):
        self.net, self.vocab_size, self.embeddings = net, vocab_size, embeddings
        self.gen = fresh_generator()
        self.device = next(net.parameters()).device

    def run(self, X, state):
        return call(
            self.net,
            X.to(self.device),
            state,
            what=f"{type(self.net).__name__}(X, state)",
            cause="the recurrent layer reads time-major inputs (num_steps, batch_size, "
            "features): embed X.T, not X, and pass the state on",
        )

    def logits_of_every_shape(self):
        """(logits, state) of the right shapes for three sizes; returns the last (X, logits)."""
        V = self.vocab_size
        for batch_size, num_steps in ((1, 1), (1, 6), (3, 5)):
            X = torch.randint(0, V, (batch_size, num_steps), generator=self.gen)
            out = self.run(X, self.net.begin_state(batch_size=batch_size, device=self.device))
            if not (isinstance(out, tuple) and len(out) == 2):
                fail("what forward returns", "(logits, state)", describe(out), "return logits, state")
            y, _ = out
            if not isinstance(y, torch.Tensor) or y.shape != (num_steps * batch_size, V):
                fail(
                    f"the logits for X of shape {tuple(X.shape)} (batch_size, num_steps)",
                    (num_steps * batch_size, V),
                    describe(y),
                    "one row of logits per position: (num_steps * batch_size, vocab_size)",
                )
        return X, y

    def start_states(self, X):
        """A zero and a random initial state, and the logits from each."""
        self.X = X
        self.zero = self.net.begin_state(batch_size=3, device=self.device)
        self.start = _random_like_state(self.zero, self.gen)
        self.y_zero, _ = self.run(X, self.zero)
        self.y_start, self.whole_state = self.run(X, self.start)

    def state_ignored(self):
        return float((self.y_start[:3] - self.y_zero[:3]).abs().max()) <= 1e-7

    def halves_differ(self):
        """Run in two calls (2 + 3 steps, the returned state carried): not the same as in one."""
        y_a, mid = self.run(self.X[:, :2], self.start)
        y_b, end = self.run(self.X[:, 2:], mid)
        return not (close(torch.cat([y_a, y_b]), self.y_start) and close(end, self.whole_state))

    def embedding_unused(self):
        """Nudge the embedding table: if the tokens go through it, the logits move."""
        saved = [m.weight.detach().clone() for m in self.embeddings]
        try:
            for m in self.embeddings:
                m.weight.add_(torch.randn(m.weight.shape, generator=self.gen).to(m.weight.device))
            y_nudged, _ = self.run(self.X, self.zero)
        finally:
            for m, w in zip(self.embeddings, saved):
                m.weight.copy_(w)
        return float((y_nudged - self.y_zero).abs().max()) <= 1e-7


# (condition on the rows that changed, likely cause) when not only the last 3 rows changed
_LAYOUT_CAUSES = [
    (
        lambda changed: changed == [t == 4 for b in range(3) for t in range(5)],
        "the logits are batch-major: reshape the (num_steps, batch_size, ...) outputs, do not "
        "transpose them, so rows line up with Y.T.reshape(-1)",
    ),
    (
        lambda changed: True,
        "the inputs must go through the model in time order, and position t must see only "
        "tokens 0..t; feed X.T (time-major) to the recurrent layer",
    ),
]

# (condition on the probe, the failure: what, expected, got, likely cause), tried in order
_STATE_MISTAKES = [
    (
        _LMProbe.state_ignored,
        (
            "the first logits with a random initial state vs the zero state",
            "different",
            "identical",
            "the state passed to forward is ignored: give it to the recurrent layer",
        ),
    ),
    (
        _LMProbe.halves_differ,
        (
            "running 5 steps in two calls (2 + 3, the returned state carried) vs in one call",
            "the same logits and final state",
            "different",
            "return the recurrent layer's final state, the one after the LAST step",
        ),
    ),
]
_EMBEDDING_MISTAKES = [
    (
        _LMProbe.embedding_unused,
        (
            "the logits after changing the embedding table",
            "different (the tokens are looked up in it)",
            "unchanged",
            "the embedding is created but never used: feed "
            "self.embedding(X.T) to the recurrent layer instead of one-hot vectors",
        ),
    ),
]


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
