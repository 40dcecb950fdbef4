"""Check of exercise set 3, exercise 3: a language model over learned embeddings with
``RNNLM``'s interface (time-major logits, the state carried, the table learned, the given
recurrent layer run). Inputs drawn afresh on each call; house conventions in ``core``.
"""

import torch

from .core import call, close, describe, fail, first_cause, fresh_generator, passed


def _random_like_state(state, gen):
    if isinstance(state, (tuple, list)):
        return type(state)(_random_like_state(s, gen) for s in state)
    return torch.randn(state.shape, generator=gen).to(state.device)


# frr language_model_03: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_language_model(net, vocab_size, embedding=True):
    """The RNNLM interface: (batch, steps) ids -> time-major logits (steps*batch, vocab), state.

    Properties every correct solution has: the logits are time-major and causal; the initial
    state is used and the returned state continues the sequence; with ``embedding``, the tokens
    go through an embedding table of vocab_size rows (nn.Embedding, or an own parameter read with
    F.embedding) that is learned (a loss on the logits sends it a gradient, and it is one of
    net.parameters()), and the model runs the recurrent layer it is given."""

    name = type(net).__name__
    embeddings = _embedding_tables(net, vocab_size)
    if embedding and not embeddings:
        fail(
            f"an embedding table inside {name}",
            f"a learnable table of {vocab_size} rows, one vector per token",
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
        _require_given_layer(net, vocab_size, embeddings[0].shape[1])
    passed(
        f"{name}: (batch_size, num_steps) ids -> logits (num_steps * batch_size, {vocab_size}), "
        "time-major, causal, batch sizes 1 and 3; the initial state is used and the returned state "
        "continues the sequence"
        + (", the tokens go through the nn.Embedding, whose table receives a gradient" if embedding else "")
    )


def _embedding_tables(net, vocab_size):
    """The model's embedding tables: nn.Embedding weights, and 2-d parameters of ``vocab_size``
    rows held outside an nn.Linear (an own table read with F.embedding or indexing)."""
    from torch import nn

    tables = [m.weight for m in net.modules() if isinstance(m, nn.Embedding)]
    linear = {id(m.weight) for m in net.modules() if isinstance(m, nn.Linear)}
    taken = {id(t) for t in tables}
    return tables + [
        p
        for p in net.parameters()
        if p.dim() == 2 and p.shape[0] == vocab_size and id(p) not in linear and id(p) not in taken
    ]


def _require_given_layer(net, vocab_size, embed_size):
    """The text's constructor, ``RNNLMEmbed(rnn_layer, vocab_size, embed_size)``: the model runs
    the recurrent layer it is given (not a new one of the same width). Built here around a layer
    of the check's own; judged only when the class builds that way."""
    from torch import nn

    layer, calls = nn.GRU(embed_size, 16), []
    handle = layer.register_forward_hook(lambda module, args, out: calls.append(1))
    try:
        try:
            other = type(net)(layer, vocab_size, embed_size)
        except Exception:
            return  # another constructor: the checks above judged the model as given
        X = torch.randint(0, vocab_size, (3, 5), generator=fresh_generator())
        call(other, X, other.begin_state(batch_size=3, device="cpu"), what=f"{type(net).__name__}(X, state)")
    finally:
        handle.remove()
    if not calls:
        fail(
            f"the recurrent layer {type(net).__name__}(rnn_layer, vocab_size, embed_size) runs",
            "rnn_layer, the layer it is given (its type, settings and weights)",
            "a model that never calls the layer it was given",
            "keep self.rnn = rnn_layer and run it in forward; do not build a new layer in its place",
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
            t.requires_grad and id(t) in owned and t.grad is not None and bool(t.grad.abs().sum() > 0)
            for t in embeddings
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
        saved = [t.detach().clone() for t in self.embeddings]
        try:
            for t in self.embeddings:
                t.add_(torch.randn(t.shape, generator=self.gen).to(t.device))
            y_nudged, _ = self.run(self.X, self.zero)
        finally:
            for t, w in zip(self.embeddings, saved):
                t.copy_(w)
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
