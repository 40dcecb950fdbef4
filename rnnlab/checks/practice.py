"""Checks of exercise set 10 (recurrent networks in practice): a masked loss, length-bucketed
batches, a packed line model, and its training judged on held-out lines. House conventions in
``rnnlab.checks.core``; inputs are drawn afresh on every call (``heldout.call_generator``)."""

import math

import torch
from torch import nn
from torch.nn import functional as F

from .core import describe, fail, passed
from .heldout import CONTEXT_MARGIN, call_generator, require_model, unigram_log_probs


def _randint(lo, hi, gen):
    return int(torch.randint(lo, hi + 1, (1,), generator=gen))


def _reference_losses(logits, targets, lengths):
    per_token = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")  # (B, T)
    mask = torch.arange(targets.shape[1])[None, :] < lengths[:, None]
    return per_token, mask


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


def check_buckets(bucket_batches):
    """``bucket_batches(lengths, batch_size, generator)`` -> a list of batches (lists of indices):
    every index exactly once, at most ``batch_size`` per batch, little padding (sequences of
    similar length together), and the batch order shuffled with ``generator``."""
    gen = call_generator()
    for _trial in range(2):
        N, batch_size = _randint(60, 200, gen), (4, 8, 16)[_randint(0, 2, gen)]
        lengths = torch.randint(1, 70, (N,), generator=gen).tolist()
        what = f"bucket_batches(lengths of {N} sequences, batch_size={batch_size})"
        orders = []
        for _k in range(3):
            g = torch.Generator().manual_seed(int(torch.randint(0, 2**31, (1,), generator=gen)))
            got = bucket_batches(list(lengths), batch_size, g)
            try:
                batches = [[int(i) for i in b] for b in got]
            except (TypeError, ValueError):
                fail(
                    what,
                    "a list of batches, each a list of indices",
                    describe(got)[:200],
                    "return e.g. [[12, 40, 3], [7, 9, 55], ...]",
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
            orders.append(tuple(tuple(b) for b in batches))
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
        if len(set(orders)) == 1 and len(batches) > 2:
            fail(
                f"{what}, called with 3 different generators",
                "batches in a different order each time (epochs must differ)",
                "the same order every time",
                "shuffle the list of batches with the generator, e.g. "
                "torch.randperm(len(batches), generator=generator)",
            )
    passed(
        "bucket_batches: every index once, batches of at most batch_size, padding close to "
        "the sorted minimum, batch order shuffled by the generator (2 random sets of lengths)"
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


def _heldout_lines(vocab, gen, num=48):
    lines = [l for l in _text_lines() if len(l) >= 8]
    picks = torch.randint(0, len(lines), (num,), generator=gen).tolist()
    return [torch.tensor(vocab[list(lines[i][:80])]) for i in picks]


def _text_lines():
    from ..data import read_lines

    return read_lines("war_of_the_worlds")


@torch.no_grad()
def check_line_model(net, vocab, what="the trained line model"):
    """A trained packed line model beats, on held-out lines drawn now, the unigram baseline and
    itself with each character read on its own (no context)."""
    require_model(net, what)
    seqs = _heldout_lines(vocab, call_generator())
    was_training = net.training
    net.eval()
    try:
        lengths = torch.tensor([len(s) - 1 for s in seqs])
        X = nn.utils.rnn.pad_sequence([s[:-1] for s in seqs], batch_first=True)
        Y = nn.utils.rnn.pad_sequence([s[1:] for s in seqs], batch_first=True)
        try:
            logits, _ = net(X, lengths)
        except (RuntimeError, TypeError, ValueError) as err:
            fail(
                f"running {what} on held-out lines",
                "net(X, lengths) -> (logits, state)",
                f"{type(err).__name__}: {err}"[:300],
                "keep the interface of exercise 3",
            )
        mask = torch.arange(X.shape[1])[None, :] < lengths[:, None]
        ctx = (F.cross_entropy(logits.transpose(1, 2), Y, reduction="none") * mask).sum()
        x1, y1 = X[mask].reshape(-1, 1), Y[mask]
        alone, _ = net(x1, torch.ones(len(x1), dtype=torch.long))
        reset = F.cross_entropy(alone[:, 0], y1, reduction="sum")
        n = mask.sum()
        ppl, ppl_reset = math.exp(float(ctx / n)), math.exp(float(reset / n))
        uni = math.exp(-float(unigram_log_probs(vocab)[y1].mean()))
    finally:
        net.train(was_training)
    where = "48 random lines of The War of the Worlds (drawn now)"
    if not ppl < uni:
        fail(
            f"masked perplexity of {what} on {where}",
            "below the unigram baseline",
            f"{ppl:.2f} against {uni:.2f}",
            "the model is untrained or learned nothing that "
            "transfers: check the training loop (zero_grad, backward, step) and the loss mask",
        )
    if not ppl < CONTEXT_MARGIN * ppl_reset:
        fail(
            f"masked perplexity of {what} with context, against itself reading every character alone",
            f"with context at least {1 - CONTEXT_MARGIN:.0%} lower",
            f"{ppl:.2f} with context, {ppl_reset:.2f} without",
            "the recurrent state does not carry information along the line",
        )
    passed(
        f"{what}: beats the unigram baseline and itself without context on held-out lines of "
        "The War of the Worlds drawn now (masked perplexity)"
    )
