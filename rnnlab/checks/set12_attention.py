"""Checks of exercise set 12, exercise 3: additive attention against a float64 computation
(outputs and gradients), and a decoder step that attends over the encoder's outputs. House
conventions in ``rnnlab.checks.core``; inputs are drawn afresh on every call."""

import torch
from torch import nn
from torch.nn import functional as F

from .core import call, describe, fail, fresh_generator, max_abs_diff, passed
from .set12_seq2seq import _lengths, _randint


# --- exercise 3: additive attention and a decoder that uses it -------------------------------


def _additive_reference(queries, keys, values, valid_lens, W_q, W_k, w_v):
    """float64, one batch row at a time over its real keys only (no masking trick)."""
    contexts, weights = [], []
    for b in range(len(queries)):
        T = int(valid_lens[b])
        features = torch.tanh((queries[b] @ W_q.T)[:, None] + (keys[b, :T] @ W_k.T)[None])
        alpha = torch.softmax(features @ w_v, dim=-1)  # (queries, T)
        contexts.append(alpha @ values[b, :T])
        weights.append(F.pad(alpha, (0, keys.shape[1] - T)))
    return torch.stack(contexts), torch.stack(weights)


# frr attention_12: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_additive_attention(attention_class):
    """``attention_class(key_size, query_size, num_hiddens)`` with ``W_k``, ``W_q`` (nn.Linear
    without bias) and ``w_v`` (nn.Linear(num_hiddens, 1, bias=False)); ``forward(queries, keys,
    values, valid_lens)`` returns ``(contexts, weights)``: weights (batch, num_queries, num_keys)
    that sum to one over the first valid_lens[b] keys and are 0 beyond, and contexts that are
    the weighted sums of the values. Both equal a float64 computation, and so do the gradients
    with respect to queries, keys, values and the three weight matrices; the padded keys and
    values hold large junk, lengths go down to 1 and batches down to one."""
    gen = fresh_generator()
    for B in (1, _randint(2, 5, gen)):
        k_size, q_size, v_size, hid = (_randint(2, 6, gen) for _ in range(4))
        Q, K = _randint(1, 3, gen), _randint(2, 7, gen)
        with torch.random.fork_rng():
            torch.manual_seed(_randint(0, 10_000, gen))
            layer = call(attention_class, k_size, q_size, hid, what=f"{attention_class.__name__}(...)")
        shapes = {"W_k": (hid, k_size), "W_q": (hid, q_size), "w_v": (1, hid)}
        for name, shape in shapes.items():
            part = getattr(layer, name, None)
            if not isinstance(part, nn.Linear) or tuple(part.weight.shape) != shape or part.bias is not None:
                fail(
                    f"{attention_class.__name__}.{name}",
                    f"nn.Linear without bias, weight of shape {shape}",
                    describe(part)
                    if not isinstance(part, nn.Linear)
                    else f"weight {tuple(part.weight.shape)}",
                    "create W_k, W_q and w_v in __init__ as the exercise names them",
                )
        valid_lens = _lengths(B, K, gen)
        inputs = [
            torch.randn(B, Q, q_size, generator=gen),
            torch.randn(B, K, k_size, generator=gen),
            torch.randn(B, K, v_size, generator=gen),
        ]
        for b, T in enumerate(valid_lens.tolist()):
            inputs[1][b, T:], inputs[2][b, T:] = 50.0, -1e3  # junk in the padding
        inputs = [x.requires_grad_() for x in inputs]
        what = f"{attention_class.__name__} on a batch of {B}, valid_lens {valid_lens.tolist()}"
        result = call(layer, *inputs, valid_lens.clone(), what=what)
        if not (isinstance(result, tuple) and len(result) == 2):
            fail(what, "(contexts, weights)", describe(result), "return the contexts and the weights")
        contexts, weights = result
        doubles = [x.detach().double().requires_grad_() for x in inputs]
        params = [getattr(layer, n).weight.detach().double().requires_grad_() for n in ("W_q", "W_k", "w_v")]
        ref_c, ref_w = _additive_reference(*doubles, valid_lens, params[0], params[1], params[2][0])
        if not isinstance(weights, torch.Tensor) or weights.shape != (B, Q, K):
            fail(what, f"weights of shape {(B, Q, K)}", describe(weights), "one weight per query and key")
        pad = torch.arange(K)[None, None, :] >= valid_lens[:, None, None]
        if max_abs_diff(weights[pad.expand(B, Q, K)], 0.0) > 1e-7:
            fail(
                what,
                "weight 0 on the keys at positions >= valid_lens[b]",
                "nonzero weights on padded keys",
                "mask the scores of padded keys with -inf (masked_fill) before the softmax",
            )
        if (weights.detach().double().sum(-1) - 1).abs().max().item() > 1e-5:
            fail(
                what,
                "weights summing to one over the keys",
                weights.detach().sum(-1)[0].tolist(),
                "softmax over the last axis (the keys)",
            )
        if (weights.detach().double() - ref_w).abs().max().item() > 1e-5:
            fail(
                what,
                "the weights of the float64 reference, softmax of w_v(tanh(W_q q + W_k k_j))",
                f"a max abs difference of {(weights.detach().double() - ref_w).abs().max().item():.1e}",
                "scores e_j = w_v(tanh(W_q(q) + W_k(k_j))) for every query against every key",
            )
        if not isinstance(contexts, torch.Tensor) or contexts.shape != (B, Q, v_size):
            fail(what, f"contexts of shape {(B, Q, v_size)}", describe(contexts), "weights @ values")
        if (contexts.detach().double() - ref_c).abs().max().item() > 1e-5:
            fail(what, "the weighted sums of the values", "other contexts", "contexts = weights @ values")
        probe = torch.randn(B, Q, v_size, generator=gen)
        (contexts * probe).sum().backward()
        (ref_c * probe.double()).sum().backward()
        pairs = list(zip(("queries", "keys", "values"), inputs, doubles))
        pairs += [(n, getattr(layer, n).weight, p) for n, p in zip(("W_q", "W_k", "w_v"), params)]
        for name, mine, ref in pairs:
            g = torch.zeros_like(mine) if mine.grad is None else mine.grad
            gap = (g.double() - ref.grad).abs().max().item()
            if gap > 1e-4:
                fail(
                    f"{what}: the gradient with respect to {name}",
                    "the gradient of the float64 reference",
                    f"a max abs difference of {gap:.1e}",
                    "compute with differentiable torch operations; padded keys and values must "
                    "get no gradient (weight 0, not a tiny number)",
                )
    passed(
        "additive attention: weights sum to one over the real keys, 0 on padded ones; contexts, "
        "weights and all gradients equal a float64 computation (lengths down to 1, a batch of one)"
    )


# frr attention_decoder_12: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_attention_decoder(decoder_class):
    """``decoder_class(vocab_size, embed_size, num_hiddens)`` with ``step(tokens, state, memory)
    -> (logits, state, weights)``, memory = (encoder outputs (batch, src_len, num_hiddens),
    source lengths, context vector): the weights (batch, src_len) sum to one over each
    source's real positions and are 0 beyond; the logits do not change when the padded encoder
    outputs change; they depend on the encoder output at every real position (a nonzero
    gradient), and the weights change with the decoder's state (they are computed from it).

    Properties every correct solution has: the weights are the attention of the state the
    step receives (the previous state) over the encoder outputs, so they change with that
    state and do not change with the step's tokens or with the context vector in memory; the
    attention's context replaces memory's context vector, so the logits and the new state do
    not change with that vector either."""
    gen = fresh_generator()
    V, E, H = 12, 5, 6
    with torch.random.fork_rng():
        torch.manual_seed(_randint(0, 10_000, gen))
        decoder = call(decoder_class, V, E, H, what=f"{decoder_class.__name__}({V}, {E}, {H})")
    B, S = 4, 7
    X_len = _lengths(B, S, gen)
    outputs = torch.randn(B, S, H, generator=gen).requires_grad_()
    context = torch.randn(B, H, generator=gen)
    tokens, state = torch.randint(3, V, (B,), generator=gen), torch.randn(B, H, generator=gen)
    what = f"{decoder_class.__name__}.step on a batch of {B}, source lengths {X_len.tolist()}"
    result = call(decoder.step, tokens, state, (outputs, X_len, context), what=what)
    if not (isinstance(result, tuple) and len(result) == 3):
        fail(
            what,
            "(logits, state, weights)",
            describe(result),
            "return the three, as the chapter's Decoder.step",
        )
    logits, new_state, weights = result
    if not isinstance(logits, torch.Tensor) or logits.shape != (B, V):
        fail(what, f"logits of shape {(B, V)}", describe(logits), "one score per token of the vocabulary")
    if not isinstance(weights, torch.Tensor) or weights.shape != (B, S):
        fail(
            what,
            f"weights of shape {(B, S)}",
            describe(weights),
            "the attention weights of this step, (batch, src_len)",
        )
    real = torch.arange(S)[None, :] < X_len[:, None]
    w = weights.detach()
    if max_abs_diff(w[~real], 0.0) > 1e-7 or (w.sum(-1) - 1).abs().max().item() > 1e-5:
        fail(
            what,
            "weights that sum to one over the real source positions and are 0 on padding",
            w[-1].tolist(),
            "pass the source lengths to the attention and mask padded positions",
        )
    logits.sum().backward()
    reach = outputs.grad.abs().sum(-1) if outputs.grad is not None else torch.zeros(B, S)
    if (reach[real] == 0).any():
        fail(
            what,
            "logits that depend on the encoder output at every real source position",
            f"no gradient at {int((reach[real] == 0).sum())} real positions",
            "the context of each step must be the attention-weighted sum of ALL encoder outputs",
        )
    junk = outputs.detach().clone()
    junk[~real] = 100.0
    with torch.no_grad():
        again, _, _ = decoder.step(tokens, state, (junk, X_len, context))
        other_state, _, moved = decoder.step(
            tokens, state + torch.randn(B, H, generator=gen), (junk, X_len, context)
        )
    if (again - logits.detach()).abs().max().item() > 1e-5:
        fail(
            what,
            "the same logits whatever the padded encoder outputs hold",
            "different logits",
            "mask the padding",
        )
    if (moved - w).abs().max().item() < 1e-7:
        fail(
            what,
            "weights that change with the decoder's state (the query)",
            "the same weights for another state",
            "use the decoder's previous state as the query of the attention",
        )
    # the query is the state the step receives: the weights are a function of that state and
    # the encoder outputs alone, whatever the tokens of this step and the given context vector
    with torch.no_grad():
        _, _, other_tokens = decoder.step(
            (tokens - 3 + torch.randint(1, V - 3, (B,), generator=gen)) % (V - 3) + 3,  # each differs
            state,
            (outputs.detach(), X_len, context),
        )
        logits_ctx, state_ctx, other_context = decoder.step(
            tokens, state, (outputs.detach(), X_len, torch.randn(B, H, generator=gen))
        )
        logits_same, state_same, _ = decoder.step(tokens, state, (outputs.detach(), X_len, context))
    for changed, got in (
        ("other tokens for the step", other_tokens),
        ("another context vector in memory", other_context),
    ):
        if (got - w).abs().max().item() > 1e-6:
            fail(
                what,
                f"the same weights with {changed} (the query is the state the step receives)",
                "different weights",
                "compute the attention from the previous state, before the GRU cell updates "
                "it, and use its context (not memory's context vector) as the cell's input",
            )
    # the attention's context REPLACES memory's context vector: nothing of the step reads it
    moved = max(float((logits_ctx - logits_same).abs().max()), float((state_ctx - state_same).abs().max()))
    if moved > 1e-6:
        fail(
            what,
            "the same logits and new state with another context vector in memory (the step's "
            "context is the attention's, at every step)",
            f"a change of up to {moved:.1e}",
            "feed the attention's context to the GRU cell as well as to the output layer: it "
            "replaces the given context everywhere",
        )
    passed(
        "attention decoder: the step's weights sum to one over the real source positions, pads "
        "change nothing, every real position reaches the logits, the weights follow the previous "
        "state alone"
    )


# --- exercise 3: the length curve (a measurement over seeds) ----------------------------------


class CurveLog:
    """What a measurement did with the notebook's ``train_seq2seq`` and ``exact_match``: the
    models it trained (the object and its decoder's class) and the splits it evaluated them on,
    in order. Calls that ``train_seq2seq`` makes itself (its validation after every epoch) are
    not the measurement's and are left out."""

    def __init__(self):
        self.trained, self.evaluated, self._depth = [], [], 0

    def watch_training(self, train_seq2seq):
        def train(net, *args, **kwargs):
            self.trained.append((net, type(getattr(net, "decoder", None))))
            self._depth += 1
            try:
                return train_seq2seq(net, *args, **kwargs)
            finally:
                self._depth -= 1

        return train

    def watch_evaluation(self, exact_match):
        def evaluate(net, split, *args, **kwargs):
            if self._depth == 0:
                self.evaluated.append((net, split, len(self.trained)))  # after that many trainings
            return exact_match(net, split, *args, **kwargs)

        return evaluate


def watch_length_curve(train_seq2seq, exact_match):
    """``(train_seq2seq, exact_match, log)``: the two helpers, recording for the check."""
    log = CurveLog()
    return log.watch_training(train_seq2seq), log.watch_evaluation(exact_match), log


def check_length_curve(log, decoder_class, attention_decoder_class, seeds=(0, 1, 2)):
    """Exercise 3, the measurement: both decoders trained for each seed and judged on test text.

    Properties every correct solution has (from the text: train the model with ``Decoder`` and
    with ``AttentionDecoder`` for seeds 0, 1 and 2 with ``train_seq2seq``, compute the test exact
    match):

    - for each decoder, one model per seed, each a new object trained once (a model trained
      again is one model trained longer, not another seed); whether the seed sets the starting
      weights, the batch order or both is left to the learner;
    - every one of these models evaluated with ``exact_match(net, "test")`` after its training
      (the validation text chose the epochs inside ``train_seq2seq``: it is not held out).

    How the exact matches are then binned and summarised is not judged here."""
    what = "Exercise 3, the length curve: the models your measurement trained and evaluated"
    counts = {}
    for net, _ in log.trained:
        counts[id(net)] = counts.get(id(net), 0) + 1
    again = sum(1 for n in counts.values() if n > 1)
    if again:
        fail(
            what,
            "a new model for every decoder and seed, each trained once with train_seq2seq",
            f"{again} model object(s) passed to train_seq2seq more than once",
            "one model was kept and trained again for the next seed: the seeds are then one "
            "model trained longer, not independent models",
        )
    trained_at = {id(net): i for i, (net, _) in enumerate(log.trained)}
    test_evaluated = {
        id(net)
        for net, split, after in log.evaluated
        if split == "test" and after > trained_at.get(id(net), after)
    }
    for name, cls in (("Decoder", decoder_class), ("AttentionDecoder", attention_decoder_class)):
        models = [
            net
            for net, decoder_type in log.trained
            if decoder_type is not None
            and issubclass(decoder_type, cls)
            and (cls is attention_decoder_class or not issubclass(decoder_type, attention_decoder_class))
        ]
        if len(models) < len(seeds):
            fail(
                what,
                f"{len(seeds)} models with {name} trained with train_seq2seq (seeds {seeds})",
                f"{len(models)}",
                f"the loop over seeds or over the decoders skips {name}",
            )
        unjudged = [net for net in models if id(net) not in test_evaluated]
        if unjudged:
            splits = sorted({s for net, s, _ in log.evaluated if any(net is u for u in unjudged)})
            fail(
                what,
                f'every trained {name} model evaluated with exact_match(net, "test")',
                f"{len(unjudged)} of {len(models)} not evaluated on the test split after training"
                + (f" (evaluated on: {', '.join(map(str, splits))})" if splits else ""),
                'the exact match was computed on another split: "valid" chose the epochs '
                "inside train_seq2seq, it is not held-out text"
                if "valid" in splits
                else "the models were not evaluated with exact_match after training",
            )
    passed(
        f"{len(log.trained)} models trained, each a new object trained once, at least {len(seeds)} "
        'per decoder, each evaluated with exact_match(net, "test")'
    )
