"""The check of set 2's "write the sequential iterator" exercise.

The specification the learner is given, and the properties every correct
``seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None)`` has:

1. It yields pairs ``(X, Y)`` of integer tensors of shape ``(batch_size, num_steps)``.
2. Every row of X is a run of consecutive corpus tokens, and Y is X shifted by one: the token
   right after each token of X in the corpus.
3. Row i of minibatch k+1 continues row i of minibatch k: its first token follows the last
   token of row i of minibatch k in the corpus.
4. The first ``offset`` tokens are skipped: row 0 of the first minibatch starts at token
   ``offset``. With ``offset=None`` the offset is drawn afresh at every call, uniformly from 0
   to ``num_steps`` (both included). (Which random generator draws it is not checked: when
   grading, the learner's code runs in another process than the check.)
5. The rows read disjoint stretches of the text, in order: everything row i reads in an epoch
   comes before everything row i + 1 reads.
6. As many minibatches as fit: ``(len(corpus) - offset - 1) // (batch_size * num_steps)``, so at
   most ``batch_size * num_steps`` tokens after the offset are left out (the last token has no
   target and is always among them). A corpus too short for one minibatch gives none.
7. It is the learner's own: it does not run the package's ``seq_data_iter_sequential``, which is
   what the exercise asks to write (and what the chapter's loaders use).

The check draws corpora of distinct random token values (so a token's value says where it lies,
and an iterator that returns positions instead of tokens is caught), runs the boundary cases (a
corpus that fits exactly, batch size 1, one step, a corpus too short), and leaves the learner's
random state as it found it (it draws its corpora from its own generator).
"""

import random
import sys

import torch

from .core import call, describe, fail, fresh_rng, passed

NAME = "seq_data_iter_sequential"

# (batch_size, num_steps, tokens after the offset, offset, what the case is)
CASES = [
    (2, 5, 30, 0, "no offset"),
    (2, 5, 32, 3, "an offset of 3"),
    (3, 4, 97, 2, "three rows"),
    (1, 7, 48, 4, "batch size 1"),
    (4, 3, 4 * 3 * 5 + 1, 2, "a corpus that fits exactly (5 minibatches, no token to spare)"),
    (2, 5, 11, 0, "a corpus that fits exactly one minibatch"),
    (2, 5, 10, 1, "a corpus one token too short for a minibatch"),
    (3, 1, 20, 1, "one step per row"),
]


def _corpus(rng, length):
    """``length`` distinct token values in random order (positions are recovered from values)."""
    values = rng.permutation(10 * length + 50)[:length] + 1
    return [int(v) for v in values]


def _batches(fn, corpus, batch_size, num_steps, offset, case):
    what = (
        f"{NAME}(corpus of {len(corpus)} tokens, batch_size={batch_size}, num_steps={num_steps}, "
        f"offset={offset})"
    )
    result = call(
        lambda: list(fn(corpus, batch_size, num_steps, offset=offset)),
        what=f"{what} [{case}]",
        cause="the iterator raised an error on this case; the boundary cases (a corpus that fits exactly, "
        "batch size 1) are where slicing off by one shows",
    )
    for k, pair in enumerate(result):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            fail(f"item {k} yielded by {what}", "a pair (X, Y)", describe(pair), "yield X, Y")
        for name, t in zip("XY", pair):
            if not isinstance(t, torch.Tensor) or t.dtype.is_floating_point or t.dtype == torch.bool:
                fail(
                    f"{name} of minibatch {k} of {what}",
                    "an integer torch tensor (token ids)",
                    describe(t),
                    "build X and Y with torch.tensor from slices of the corpus",
                )
            if tuple(t.shape) != (batch_size, num_steps):
                fail(
                    f"the shape of {name} in minibatch {k} of {what}",
                    f"(batch_size, num_steps) = {(batch_size, num_steps)}",
                    tuple(t.shape),
                    "one row per sequence and one column per step: reshape the text into batch_size "
                    "rows, then take num_steps columns at a time",
                )
    return what, result


def _positions(tensor, where, what, case):
    rows = []
    for row in tensor.tolist():
        try:
            rows.append([where[v] for v in row])
        except KeyError as missing:
            fail(
                f"the tokens of {what} [{case}]",
                "tokens taken from the corpus",
                f"the value {missing.args[0]}, which is not in the corpus",
                "index the corpus (corpus[i]); do not yield positions or numbers of your own",
            )
    return rows


def _check_case(fn, rng, batch_size, num_steps, after_offset, offset, case):
    corpus = _corpus(rng, offset + after_offset)
    original = list(corpus)
    where = {v: i for i, v in enumerate(corpus)}
    what, batches = _batches(fn, corpus, batch_size, num_steps, offset, case)
    if corpus != original:
        fail(
            f"the corpus after {what}",
            "the corpus unchanged",
            "a modified corpus",
            "do not edit the corpus in place",
        )
    expected = (len(corpus) - offset - 1) // (batch_size * num_steps)
    xs = [_positions(X, where, f"X of minibatch {k}", case) for k, (X, _) in enumerate(batches)]
    ys = [_positions(Y, where, f"Y of minibatch {k}", case) for k, (_, Y) in enumerate(batches)]
    for k, (x, y) in enumerate(zip(xs, ys)):
        for i, (xr, yr) in enumerate(zip(x, y)):
            if any(b != a + 1 for a, b in zip(xr, xr[1:])):
                fail(
                    f"row {i} of X in minibatch {k} of {what} [{case}] (token positions in the corpus)",
                    "consecutive positions",
                    xr,
                    "each row must be a run of consecutive tokens of the text: a batch-major/time-major "
                    "mix-up (reshape(-1, batch_size) or a transpose) interleaves the rows",
                )
            if yr != [a + 1 for a in xr]:
                fail(
                    f"row {i} of Y in minibatch {k} of {what} [{case}] (token positions)",
                    f"X's positions plus one: {[a + 1 for a in xr]}",
                    yr,
                    "Y must be X shifted by one token: slice it from offset + 1, not from offset",
                )
    for k in range(1, len(xs)):
        for i in range(batch_size):
            if xs[k][i][0] != xs[k - 1][i][-1] + 1:
                fail(
                    f"row {i} of minibatch {k} of {what} [{case}]",
                    f"to start at token {xs[k - 1][i][-1] + 1}, right after row {i} of minibatch {k - 1}",
                    f"it starts at token {xs[k][i][0]}",
                    "row i of each minibatch must continue row i of the previous one: split the text into "
                    "batch_size streams and walk along them num_steps tokens at a time, in order",
                )
    if xs and xs[0][0][0] != offset:
        fail(
            f"where row 0 of the first minibatch starts, {what} [{case}]",
            f"token {offset} (the given offset)",
            f"token {xs[0][0][0]}",
            "skip exactly the first `offset` tokens; draw a random offset only when offset is None",
        )
    for i in range(batch_size - 1):
        if xs and max(x[i][-1] for x in xs) >= min(x[i + 1][0] for x in xs):
            fail(
                f"rows {i} and {i + 1} of {what} [{case}]",
                f"row {i} to read only text that comes before all of row {i + 1}'s",
                f"row {i} reaches token {max(x[i][-1] for x in xs)}, row {i + 1} starts at "
                f"{min(x[i + 1][0] for x in xs)}",
                "the rows must read disjoint stretches of the text, one stream per row",
            )
    if len(batches) != expected:
        fail(
            f"the number of minibatches of {what} [{case}]",
            f"{expected}: as many as fit, (len(corpus) - offset - 1) // (batch_size * num_steps)",
            len(batches),
            "count the minibatches from the tokens after the offset, keeping one token for the last "
            "target; a range that stops one minibatch early, or a stream length computed without "
            "the `- 1`, loses or breaks a minibatch",
        )


def _check_random_offset(fn, rng):
    batch_size, num_steps, draws = 2, 3, 300
    corpus = _corpus(rng, 60)
    where = {v: i for i, v in enumerate(corpus)}
    saved = random.getstate()
    try:
        starts = []
        for _ in range(draws):
            first = call(
                lambda: next(iter(fn(corpus, batch_size, num_steps, offset=None))),
                what=f"{NAME}(corpus of 60 tokens, batch_size=2, num_steps=3, offset=None)",
            )
            starts.append(_positions(first[0][:1], where, "X with offset=None", "random offset")[0][0])
    finally:
        random.setstate(saved)
    seen = sorted(set(starts))
    if seen != list(range(num_steps + 1)):
        fail(
            f"where the first minibatch starts over {draws} calls with offset=None and num_steps={num_steps}",
            f"every offset from 0 to num_steps: {list(range(num_steps + 1))}",
            seen,
            "with offset=None draw a fresh offset at every call: random.randint(0, num_steps) includes "
            "both ends (a fixed start cuts every epoch at the same places)",
        )


def _runs_the_package_iterator(fn):
    """Whether a call of ``fn`` executes the body of rnnlab's own sequential iterator, by any
    route (an import under another name included): a profile hook sees every frame it runs."""
    from .. import data

    body, seen = data.seq_data_iter_sequential.__code__, []

    def watch(frame, event, arg):
        if event == "call" and frame.f_code is body:
            seen.append(frame)

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        list(fn(list(range(1, 40)), 2, 5, offset=0))
    except Exception:  # noqa: BLE001 - the behaviour was judged above; only the route matters here
        pass
    finally:
        sys.setprofile(previous)
    return bool(seen)


def check_sequential_iterator(fn):
    """Check a learner's ``seq_data_iter_sequential`` against the specification above."""
    if not callable(fn):
        fail(
            "seq_data_iter_sequential", "a function", describe(fn), "pass the function itself, not its result"
        )
    rng = fresh_rng()
    for case in CASES:
        _check_case(fn, rng, *case)
    _check_random_offset(fn, rng)
    if _runs_the_package_iterator(fn):
        fail(
            f"how {NAME} makes its minibatches",
            "your own loop over the corpus (the exercise asks you to write the iterator)",
            "a function that runs rnnlab's seq_data_iter_sequential",
            "write the iterator yourself; the package's is the one the chapter's loaders use",
        )
    passed(
        f"{NAME}: shapes, Y = X shifted by one, rows that continue each other, disjoint ordered rows, "
        f"the given and the random offset (0 to num_steps), every minibatch that fits, on {len(CASES)} "
        "cases including a corpus that fits exactly, batch size 1 and a corpus too short"
    )
