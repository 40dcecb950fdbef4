"""Checks of exercise set 10 (recurrent networks in practice): a masked loss, length-bucketed
batches, a packed line model, and its training judged on held-out lines. House conventions in
``rnnlab.checks.core``; inputs are drawn afresh on every call (``heldout.call_generator``)."""

import torch
from torch.nn import functional as F

from .core import describe, fail, passed
from .heldout import call_generator


def _randint(lo, hi, gen):
    return int(torch.randint(lo, hi + 1, (1,), generator=gen))


def _reference_losses(logits, targets, lengths):
    per_token = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")  # (B, T)
    mask = torch.arange(targets.shape[1])[None, :] < lengths[:, None]
    return per_token, mask


# frr masked_loss_10: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_masked_loss(masked_loss):
    """``masked_loss(logits, targets, lengths)``: logits (B, T, V), targets (B, T), lengths (B,);
    the mean cross-entropy over the real tokens (t < lengths[b]) only, as a differentiable
    tensor. Padded targets hold random ids here, so no padding index can be assumed."""
    gen = call_generator()
    for _trial in range(3):
        B, T, V = _randint(2, 5, gen), _randint(3, 9, gen), _randint(3, 8, gen)
        lengths = torch.randint(1, T + 1, (B,), generator=gen)
        # one full and one sequence at least two short of T: with every length >= T - 1,
        # counting position t == length (off by one) would count every position, and the two
        # mistakes could not be told apart
        lengths[0], lengths[-1] = T, _randint(1, T - 2, gen)
        logits = (torch.randn(B, T, V, generator=gen) * 2).requires_grad_()
        targets = torch.randint(0, V, (B, T), generator=gen)
        targets[0, 0] = 0  # a real token with id 0: assuming 0 is padding drops it
        what = f"masked_loss on a batch of {B} sequences of lengths {lengths.tolist()}, T={T}"
        got = masked_loss(logits, targets.clone(), lengths.clone())
        if not isinstance(got, torch.Tensor) or got.numel() != 1:
            fail(
                what,
                "a scalar tensor",
                describe(got),
                "return the loss as a tensor (no .item()): training needs its gradient",
            )
        if not got.requires_grad:
            fail(
                what,
                "a tensor connected to the logits (requires_grad)",
                "a detached tensor",
                "compute the loss from the logits with torch operations, without .detach()",
            )
        with torch.no_grad():
            per_token, mask = _reference_losses(logits, targets, lengths)
            want = (per_token * mask).sum() / mask.sum()
            value = float(got)
            if abs(value - float(want)) <= 1e-5:
                continue
            off = torch.arange(T)[None, :] <= lengths[:, None]
            seq_means = ((per_token * mask).sum(1) / mask.sum(1)).mean()
            nonzero = targets != 0
            causes = [
                (
                    (per_token * nonzero).sum() / nonzero.sum(),
                    "targets equal to 0 were "
                    "skipped (ignore_index=0?), but here padding holds random ids and real tokens "
                    "can be 0: multiply the per-token losses times the mask built from lengths",
                ),
                (
                    per_token.mean(),
                    "the padded positions are counted: average over the real tokens "
                    "only, sum(loss * mask) / mask.sum()",
                ),
                ((per_token * off).sum() / off.sum(), "off by one: position t is real when t < length"),
                (
                    seq_means,
                    "that is the mean of per-sequence means: every TOKEN counts once, so "
                    "divide the masked sum by the total number of real tokens",
                ),
                ((per_token * mask).sum(), "a sum, not a mean: divide by mask.sum()"),
                (
                    (per_token * mask).sum() / per_token.numel(),
                    "divided by all B * T positions: divide by the number of real tokens, mask.sum()",
                ),
            ]
            cause = next(
                (c for v, c in causes if abs(value - float(v)) <= 1e-5),
                "per-token losses F.cross_entropy(logits.transpose(1, 2), targets, "
                "reduction='none') of shape (B, T), times the mask, summed, divided by "
                "mask.sum()",
            )
        fail(what, "the mean cross-entropy over the real tokens (to 1e-5)", "another value", cause)
    passed(
        "masked_loss: the mean cross-entropy over real tokens only, differentiable, on 3 random "
        "batches (random padding contents, sizes and lengths)"
    )


# --- length buckets -----------------------------------------------------------------------


def _padding_fraction(lengths, batches):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths) / cells


def _as_batches(got, what):
    try:
        return [[int(i) for i in b] for b in got]
    except (TypeError, ValueError):
        fail(
            what,
            "a list of batches, each a list of indices",
            describe(got)[:200],
            "return e.g. [[12, 40, 3], [7, 9, 55], ...]",
        )


def _batch_order(batches):
    """The order of the batches, whatever the order inside each batch."""
    return tuple(frozenset(b) for b in batches)


# check_buckets draws lengths, sizes and generators: 0 of 200 correct runs rejected (2026-12-06)
# frr buckets_10: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_buckets(bucket_batches):
    """``bucket_batches(lengths, batch_size, generator)`` -> a list of batches (lists of indices).

    Properties every correct solution has: every index exactly once, at most ``batch_size``
    per batch (the last, smaller batch kept: the number of sequences is never a multiple of
    the batch size here); little padding (sequences of similar length together); the ORDER of
    the batches is drawn from ``generator``: two generators in the same state give the same
    batches in the same order, generators with different seeds give different orders of the
    batches (not only a different order inside each batch), and the order is not sorted by
    length."""
    gen = call_generator()
    for _trial in range(2):
        batch_size = (4, 8, 16)[_randint(0, 2, gen)]
        N = batch_size * _randint(60 // batch_size + 1, 200 // batch_size, gen) + _randint(
            1, batch_size - 1, gen
        )
        lengths = torch.randint(1, 70, (N,), generator=gen).tolist()
        what = f"bucket_batches(lengths of {N} sequences, batch_size={batch_size})"
        orders, monotonic = [], []
        for seed in torch.randint(0, 2**31, (3,), generator=gen).tolist():
            batches = _as_batches(
                bucket_batches(list(lengths), batch_size, torch.Generator().manual_seed(seed)), what
            )
            flat = sorted(i for b in batches for i in b)
            if flat != list(range(N)):
                missing = sorted(set(range(N)) - set(flat))
                fail(
                    f"{what}: the indices in the batches",
                    f"each of 0..{N - 1} exactly once",
                    f"{len(flat)} indices, {len(missing)} missing, {len(flat) - len(set(flat))} repeated",
                    "keep the last, smaller batch; index into lengths, do not return lengths",
                )
            if max(len(b) for b in batches) > batch_size:
                fail(
                    f"{what}: batch sizes",
                    f"at most {batch_size}",
                    max(len(b) for b in batches),
                    "cut the sorted indices every batch_size",
                )
            again = _as_batches(
                bucket_batches(list(lengths), batch_size, torch.Generator().manual_seed(seed)), what
            )
            if _batch_order(again) != _batch_order(batches):
                fail(
                    f"{what}, called twice with generators in the same state",
                    "the same batches in the same order (the order is drawn from the generator)",
                    "a different order",
                    "draw the order of the batches from the generator passed in, e.g. "
                    "torch.randperm(len(batches), generator=generator), not from Python's random "
                    "or torch's global generator",
                )
            orders.append(_batch_order(batches))
            means = [sum(lengths[i] for i in b) / len(b) for b in batches]
            monotonic.append(
                all(a <= b for a, b in zip(means, means[1:])) or all(a >= b for a, b in zip(means, means[1:]))
            )
        frac = _padding_fraction(lengths, batches)
        order = sorted(range(N), key=lambda i: lengths[i])
        best = _padding_fraction(lengths, [order[i : i + batch_size] for i in range(0, N, batch_size)])
        if frac > max(2 * best, best + 0.03):
            fail(
                f"{what}: share of padding in the batches",
                "close to that of batches cut from the indices sorted by length",
                f"{frac:.0%}",
                "the batches mix long and short sequences: sort the indices by length, cut "
                "them into batches, then shuffle the ORDER of the batches",
            )
        # at least 5 batches: a random order is sorted by length (either way) with probability
        # at most 2/5! per seed, all three seeds (2/120)^3 < 5e-6
        if all(monotonic):
            fail(
                f"{what}, called with generators of 3 different seeds",
                "the batches in a random order (long and short batches interleaved)",
                "the batches sorted by length every time",
                "shuffle the ORDER of the batches after cutting them: a shuffle before a sort by "
                "length is undone by the sort",
            )
        if len(set(orders)) == 1:
            fail(
                f"{what}, called with generators of 3 different seeds",
                "the batches in a different order each time (epochs must differ)",
                "the same order of batches every time",
                "shuffle the list of batches with the generator, e.g. "
                "torch.randperm(len(batches), generator=generator); shuffling inside each batch "
                "leaves their order unchanged",
            )
    passed(
        "bucket_batches: every index once, batches of at most batch_size (last one smaller), "
        "padding close to the sorted minimum, batch order drawn from the generator (same state, "
        "same order; other seeds, other orders), 2 random sets of lengths"
    )


# --- the packed line model ----------------------------------------------------------------


def _padded_batch(vocab_size, gen, B, T, full=True):
    """A batch whose lengths are not sorted; with ``full=False`` every length is below T."""
    top = T if full else T - 1
    lengths = torch.randint(1, top + 1, (B,), generator=gen)
    lengths[0], lengths[1] = top, top - 1
    lengths = lengths[torch.randperm(B, generator=gen)]
    if bool((lengths[:-1] >= lengths[1:]).all()):  # sorted by decreasing length: reverse it
        lengths = lengths.flip(0)
    X = torch.randint(0, vocab_size, (B, T), generator=gen)  # padding: random ids
    return X, lengths


# frr packed_lm_10: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_packed_lm(model_cls):
    """``model_cls(vocab_size, num_hiddens)`` with ``forward(X, lengths)`` -> (logits
    (B, T, V) batch-first, state (1, B, num_hiddens)): on a padded batch in any order of
    lengths, every sequence's logits at its real positions and its final state equal those of
    the sequence run alone."""
    gen = call_generator()
    name = getattr(model_cls, "__name__", "the model")
    for trial in range(3):
        V, Hn = _randint(5, 12, gen), _randint(3, 9, gen)
        B, T = _randint(2, 5, gen), _randint(3, 9, gen)
        net = model_cls(V, Hn)
        net.eval()
        X, lengths = _padded_batch(V, gen, B, T, full=trial != 2)
        what = f"{name}({V}, {Hn}) on a batch of lengths {lengths.tolist()}, T={T}"
        with torch.no_grad():
            try:
                got = net(X.clone(), lengths.clone())
            except RuntimeError as err:
                fail(
                    what,
                    "logits and state",
                    f"RuntimeError: {str(err).splitlines()[0]}"[:300],
                    "pack with enforce_sorted=False (the batch is not sorted by length), and "
                    "lengths on the CPU",
                )
            if not (isinstance(got, tuple) and len(got) == 2):
                fail(what, "(logits, state)", describe(got), "return logits, state")
            logits, state = got
            if not isinstance(logits, torch.Tensor) or tuple(logits.shape) != (B, T, V):
                fail(
                    f"{what}: logits",
                    f"shape {(B, T, V)} (batch_size, T, vocab_size)",
                    describe(logits),
                    "pad_packed_sequence(..., batch_first=True, total_length=X.shape[1]) keeps the batch's T",
                )
            if not isinstance(state, torch.Tensor) or tuple(state.shape) != (1, B, Hn):
                fail(
                    f"{what}: state",
                    f"shape {(1, B, Hn)}",
                    describe(state),
                    "return the h_n of the recurrent layer run on the packed batch",
                )
            for b in range(B):
                n = int(lengths[b])
                alone_logits, alone_state = net(X[b : b + 1, :n].clone(), torch.tensor([n]))
                d_out = float((logits[b, :n] - alone_logits[0, :n]).abs().max())
                d_state = float((state[:, b] - alone_state[:, 0]).abs().max())
                if d_out > 1e-5:
                    fail(
                        f"{what}: logits of sequence {b} (length {n})",
                        "those of the sequence run alone (1e-5)",
                        f"max abs difference {d_out:.3g}",
                        "the sequences of a batch must not mix: pack the batch and keep the "
                        "batch order (enforce_sorted=False restores it)",
                    )
                if d_state > 1e-5:
                    fail(
                        f"{what}: final state of sequence {b} (length {n})",
                        "the state after its own last token, as when run alone",
                        f"max abs difference {d_state:.3g}",
                        "the layer ran over the padding: pack the padded "
                        "batch with pack_padded_sequence(..., lengths, batch_first=True, "
                        "enforce_sorted=False) before the recurrent layer",
                    )
    passed(
        f"{name}: on 3 random padded batches in unsorted order, logits at real positions and "
        "final states equal those of each sequence run alone"
    )
