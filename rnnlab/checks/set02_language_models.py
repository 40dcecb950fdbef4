"""Checks of exercise set 2 (language models): separate models per run, the train/validation
split, the cross-perplexity table, the word vocabularies. The trained models themselves are
judged by ``lm.check_trained_lm``; the sequential iterator in ``set02_sequential_iterator``.
"""

import math

import torch

from .core import (
    describe,
    fail,
)
from .heldout import REPORT_RTOL, check_held_out, check_shared_vocabulary, near_one_of
from .lm import _not_a_model, _perplexities_over_offsets, _perplexity, unigram_perplexity


def check_distinct_models(models, what="the models"):
    """Properties every correct solution has when a table compares runs: each run trained its
    own network, so the models are distinct objects that share no parameter tensor."""
    from .core import passed

    models = list(models)
    for net in models:
        _not_a_model(net, what)
    storages = {}
    for a, net in enumerate(models):
        for p in net.parameters():
            b = storages.setdefault(p.untyped_storage().data_ptr(), a)
            if b != a:
                fail(
                    f"{what}: runs {b} and {a}",
                    "a network of its own for every run",
                    "the same network (or shared parameters) in both",
                    "build a new model for each run (inside the loop): otherwise the second run "
                    "continues training the first run's network",
                )
    passed(f"{what}: {len(models)} distinct networks, one per run")


# --- data splits, cross-perplexity, word vocabularies -------------------------------------


# Sizes where a plausible wrong split differs from int(): 7 * 0.5 = 3.5 and 11 * 0.25 = 2.75
# (round() gives one token more), 9 * 0.1 = 0.9 (int() gives 0: corpus[:-0] is empty, so slicing
# from the end must not be used) and 4 * 0.2 = 0.8 (round() gives 1). Always run, never drawn.
_SPLIT_BOUNDARIES = [(7, 0.5), (11, 0.25), (9, 0.1), (4, 0.2)]


# frr train_val_split_02: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_train_val_split(train_val_split):
    """``train_val_split(corpus, val_fraction)`` -> (train, val).

    Properties every correct solution has: val is the LAST ``int(len(corpus) * val_fraction)``
    tokens (int truncates, so a fraction part >= .5 does not round up, and 0 validation tokens
    is possible), train is every token before it, both in their original order, for any corpus
    length; the corpus handed in is left as it was; the sizes where rounding or slicing from the
    end would differ are always tested."""
    from .core import call, fresh_rng, passed

    rng = fresh_rng()
    cases = [
        (int(rng.integers(200, 2000)), float(rng.choice([0.1, 0.2]))),
        (int(rng.integers(20, 60)), 0.25),
        (10, 0.5),
    ] + _SPLIT_BOUNDARIES
    for n, frac in cases:
        corpus = [int(t) for t in rng.integers(0, 30, n)]  # random tokens: positions tell the parts apart
        given = list(corpus)
        got = call(train_val_split, given, frac, what=f"train_val_split(corpus, {frac})")
        what = f"train_val_split(a random corpus of {n} tokens, val_fraction={frac})"
        if given != corpus:
            fail(
                what + ": the corpus it was handed",
                "unchanged: the split returns two new parts and leaves the caller's corpus as it was",
                f"a corpus of {len(given)} tokens afterwards"
                if len(given) != n
                else "tokens changed in place",
                "build the parts with slices (corpus[:cut], corpus[cut:]) instead of pop(), del or "
                "in-place edits of the list you were given",
            )
        if not (isinstance(got, tuple) and len(got) == 2):
            fail(what, "a tuple (train, val)", describe(got), "return both parts: `return train, val`")
        train, val = (list(v.tolist() if hasattr(v, "tolist") else v) for v in got)
        n_val = int(n * frac)
        if len(train) + len(val) != n:
            fail(
                what + ": sizes",
                f"len(train) + len(val) = {n}",
                f"{len(train)} + {len(val)}",
                "every token goes to exactly one part: the slices overlap by one or drop a token"
                if abs(len(train) + len(val) - n) == 1
                else "every token goes to exactly one part",
            )
        if len(val) != n_val:
            fail(
                what + ": validation size",
                f"int({n} * {frac}) = {n_val} tokens (int truncates)",
                f"{len(val)}",
                "with 0 validation tokens corpus[-0:] is the whole corpus: cut at "
                "len(corpus) - n_val instead of slicing from the end"
                if n_val == 0 and len(val) == n
                else "int() truncates: round() or math.ceil() keep one token too many"
                if len(val) == n_val + 1
                else "val_fraction is the VALIDATION share"
                if abs(len(train) - n_val) <= 1
                else None,
            )
        if train + val != corpus:
            fail(
                what + ": order",
                f"train = corpus[:{n - n_val}], val = corpus[{n - n_val}:]",
                "other tokens or another order",
                "validation must be the END of the corpus (held out in time), not the start"
                if val == corpus[:n_val]
                else "split by position, keep the order: shuffled or interleaved tokens leak context "
                "from validation into training",
            )
    passed(
        "train_val_split: validation is the last int(n * val_fraction) tokens, training the rest, "
        "in order and without overlap (random corpora, new on every run)"
    )


def check_cross_perplexity(cross_perplexity_table, nets, val_iters, train_data=None, rtol=0.01):
    """``cross_perplexity_table(nets, val_iters)`` returns a table whose entry [i][j] is the
    perplexity of ``nets[i]`` on ``val_iters[j]``. The check calls it on a shuffled selection of
    the models and corpora and recomputes every entry. With ``train_data`` (one training corpus
    per model), the validation data must not be training text, and every model must beat the
    unigram baseline on the held-out text of its own corpus."""
    from .core import call, fresh_rng, passed

    if not callable(cross_perplexity_table):
        fail(
            "the first argument",
            "the function cross_perplexity_table(nets, val_iters)",
            describe(cross_perplexity_table),
            "pass the function: the check calls it on models and "
            "corpora of its own choosing and recomputes the numbers",
        )
    check_shared_vocabulary(val_iters)
    rng = fresh_rng()

    def shuffled(n):  # a random order that is never the notebook's own (for n > 1)
        order = [int(i) for i in rng.permutation(n)]
        return order[1:] + order[:1] if n > 1 and order == sorted(order) else order

    rows = shuffled(len(nets))
    rows.append(rows[int(rng.integers(len(rows)))])  # one model twice: a table of its own shape
    cols = shuffled(len(val_iters))[: max(2, len(val_iters) - 1)]
    got = call(
        cross_perplexity_table,
        [nets[i] for i in rows],
        [val_iters[j] for j in cols],
        what="cross_perplexity_table(nets, val_iters)",
    )
    try:
        got = torch.as_tensor(got, dtype=torch.float64)
    except (TypeError, ValueError, RuntimeError):
        fail("cross_perplexity_table(...)", "a list of lists of numbers", describe(got), None)
    shape = (len(rows), len(cols))
    if tuple(got.shape) != shape:
        fail(
            f"cross_perplexity_table({len(rows)} models, {len(cols)} corpora)",
            f"shape {shape}: one row per model, one column per corpus",
            describe(got),
            "transposed: rows are models, columns corpora"
            if tuple(got.shape) == shape[::-1]
            else "compute the table from the arguments, not from variables of the notebook",
        )
    for a, i in enumerate(rows):
        for b, j in enumerate(cols):
            values = _perplexities_over_offsets(nets[i], val_iters[j])
            # a sequential iterator's every offset is recomputed: float noise only (REPORT_RTOL)
            tol = (
                REPORT_RTOL
                if hasattr(val_iters[j], "num_steps") and hasattr(val_iters[j], "corpus")
                else rtol
            )
            lo, hi, want = min(values) * (1 - tol), max(values) * (1 + tol), sum(values) / len(values)
            exact = tol == REPORT_RTOL  # one of the recomputed values, not merely inside their range
            ok = lambda v, lo=lo, hi=hi, values=values, exact=exact: (
                math.isfinite(v) and (near_one_of(v, values) if exact else lo <= v <= hi)
            )
            value = float(got[a, b])
            if not ok(value):
                cause = (
                    "perplexity is exp(mean cross-entropy), not the loss itself"
                    if value < 1 or (value < 50 and ok(math.exp(value)))
                    else "rows and columns swapped: entry [i][j] is model i on corpus j"
                    if shape[0] == shape[1] and ok(float(got[b, a]))
                    else "use rnnlab.evaluate_perplexity(nets[i], val_iters[j]) (eval mode, on ALL "
                    "the validation data: exp of the mean cross-entropy over every token), not the "
                    "training perplexity, a part of the text or numbers computed earlier"
                )
                fail(
                    f"entry [{a}][{b}] (model {i} on corpus {j}), called with the models and corpora "
                    "in another order",
                    f"its perplexity recomputed here at every possible offset (within {tol:.1%})",
                    f"{value:.3f}, off by {abs(value - want) / want:.1%}",
                    cause,
                )
    if train_data is not None:
        for j, it in enumerate(val_iters):
            check_held_out(it, list(train_data), f"val_iters[{j}]")
        for i in range(min(len(nets), len(val_iters))):
            ppl, base = _perplexity(nets[i], val_iters[i]), unigram_perplexity(val_iters[i])
            if not ppl < base:
                fail(
                    f"model {i} on the held-out text of its own corpus",
                    "below the unigram baseline",
                    f"{ppl / base:.2f} times the baseline",
                    "the model did not learn: learning rate, epochs",
                )
    passed(
        f"cross_perplexity_table: called on {shape[0]} models x {shape[1]} corpora in a random order, "
        "every entry agrees with the perplexity recomputed here"
        + (
            "; validation text held out, each model beats the unigram baseline on its own corpus"
            if train_data is not None
            else ""
        )
    )


def check_word_vocab_sizes(word_vocab_sizes, lines):
    """``word_vocab_sizes(lines, min_freqs)`` -> {min_freq: size of Vocab(words, min_freq)}."""
    from .core import call, fresh_rng, passed

    rng = fresh_rng()
    words = ["the", "cat", "sat", "ran", "a", "dog", "down", "end", "time", "machine"]
    toy = [" ".join(rng.choice(words, int(rng.integers(1, 8)))) for _ in range(int(rng.integers(4, 12)))]
    sample = [lines[int(i)] for i in sorted(rng.choice(len(lines), min(len(lines), 400), replace=False))]
    for text, min_freqs, name in [
        (toy, [0, 1, 2, 3, 4], "random toy lines"),
        (sample, [1, 2, 3, 5, 10], "a random sample of the book's lines"),
    ]:
        counts = {}
        got = call(word_vocab_sizes, list(text), list(min_freqs), what="word_vocab_sizes(lines, min_freqs)")
        for line in text:
            for w in line.split():
                counts[w] = counts.get(w, 0) + 1
        want = {m: 1 + sum(c >= m for c in counts.values()) for m in min_freqs}
        what = f"word_vocab_sizes({name}, {min_freqs})"
        if not isinstance(got, dict) or sorted(got) != sorted(want):
            fail(what, f"a dict with keys {min_freqs}", describe(got), "one entry per min_freq")
        for m in min_freqs:
            if got[m] != want[m]:
                n_chars = len({ch for line in text for ch in line}) + 1
                cause = (
                    "'<unk>' is in every vocabulary: add 1"
                    if got[m] == want[m] - 1
                    else "counted characters, not words"
                    if got[m] == n_chars
                    else "a word is kept when its count is >= min_freq (not >)"
                    if got[m] == 1 + sum(c > m for c in counts.values())
                    else "count words per line with line.split(), then Vocab(tokens, min_freq=m)"
                )
                fail(
                    f"{what}[{m}]",
                    "the number of distinct words seen >= min_freq times, plus <unk>",
                    f"{got[m]} (off by {got[m] - want[m]:+d})",
                    cause,
                )
    passed(
        "word_vocab_sizes: vocabulary sizes for each min_freq agree with an independent word count "
        "(random toy lines and a random sample of the book, new on every run)"
    )
