"""Checks of trained language models, recomputed from the learner's model and data.

A check never takes a perplexity the learner reports: it takes the trained model and a data
iterator, evaluates the model itself, and compares it with two baselines computed on the same
tokens: the unigram model (token frequencies, no context) and the learner's own model with its
memory cut (the state reset before every token). It changes every token but the last of each
sequence to show that the state carries them to the last prediction, and checks that validation
text is not training text (``heldout.check_held_out``).
"""

import math
import random

import torch
import torch.nn.functional as F

from .core import describe, fail
from .heldout import REPORT_RTOL, check_held_out, check_shared_vocabulary, tokens_of


def unigram_perplexity(data):
    """Perplexity of the best context-free model (frequencies of the tokens themselves) on ``data``:
    a data iterator (its targets), a token list or a tensor."""
    if hasattr(data, "__iter__") and hasattr(data, "num_steps"):
        ids = torch.cat([Y.reshape(-1).long().cpu() for _, Y in data])
    else:
        ids = torch.as_tensor(tokens_of(data)).long()
    counts = torch.bincount(ids).double()
    p = counts[counts > 0] / counts.sum()
    return math.exp(float(-(p * p.log()).sum()))


def _not_a_model(net, what):
    if not (isinstance(net, torch.nn.Module) and hasattr(net, "begin_state")):
        fail(
            f"the {what} itself",
            "a trained model (an nn.Module with begin_state, e.g. rnnlab.RNNLM)",
            describe(net),
            "pass the trained model, not a perplexity, a History or a list of numbers: "
            "the check evaluates the model itself on the data",
        )


@torch.no_grad()
def _perplexity(net, data_iter, memory=True, seed=0):
    """Perplexity of ``net`` on ``data_iter`` (sequential: the state carried across batches).
    With ``memory=False`` every token is read from a fresh initial state: the model's recurrent part
    cannot help, which is the baseline a recurrent model must beat."""
    device = next(net.parameters()).device
    was_training, saved = net.training, random.getstate()
    net.eval()
    random.seed(seed)  # a fixed offset: the same tokens for every evaluation
    total, count, state = 0.0, 0, None
    try:
        for X, Y in data_iter:
            X, y = X.to(device), Y.T.reshape(-1).to(device).long()
            if memory:
                if state is None or getattr(data_iter, "use_random_iter", False):
                    state = net.begin_state(batch_size=X.shape[0], device=device)
                logits, state = net(X, state)
            else:  # (batch, steps) -> (steps * batch, 1): one token per sequence, time-major order
                single = X.T.reshape(-1, 1)
                logits, _ = net(single, net.begin_state(batch_size=single.shape[0], device=device))
            total += F.cross_entropy(logits, y, reduction="sum").item()
            count += y.numel()
    finally:
        random.setstate(saved)
        net.train(was_training)
    return math.exp(total / max(count, 1))


class _AtOffset:
    """A sequential iterator over ``it``'s corpus cut at one fixed offset."""

    def __init__(self, it, offset):
        self.it, self.offset, self.use_random_iter = it, offset, False

    def __iter__(self):
        from ..data import seq_data_iter_sequential

        return seq_data_iter_sequential(self.it.corpus, self.it.batch_size, self.it.num_steps, self.offset)


def _perplexities_over_offsets(net, it):
    """The perplexity of ``net`` at every offset a sequential iterator can start at (its random
    cut), or at a few seeds for other iterators: any correct evaluation lies in their range."""
    if hasattr(it, "corpus") and hasattr(it, "num_steps") and not getattr(it, "use_random_iter", False):
        if not getattr(it, "random_offset", True):
            return [_perplexity(net, it)]
        return [_perplexity(net, _AtOffset(it, k)) for k in range(it.num_steps + 1)]
    return [_perplexity(net, it, seed=k) for k in range(4)]


def check_trained_lm(net, data_iter, what="the trained model", train_data=None):
    """The trained ``net`` beats, on ``data_iter``, the unigram baseline and its own memoryless
    version. With ``train_data``, ``data_iter`` must also be held-out text."""
    from .core import passed

    _not_a_model(net, what)
    if train_data is not None:
        check_held_out(data_iter, train_data)
    ppl = _perplexity(net, data_iter)
    base = unigram_perplexity(data_iter)
    if not ppl < base:
        fail(
            f"the perplexity of {what}, evaluated here on the data",
            "below the unigram baseline (frequencies, no context)",
            f"{ppl / base:.2f} times the baseline",
            "it learned nothing from the context: is it trained (the same object you trained)? do the "
            "inputs and state reach the output? is the learning rate neither too small nor too large?",
        )
    _check_memory(net, data_iter, what)
    no_memory = _perplexity(net, data_iter, memory=False)
    if not ppl < 1.1 * no_memory:
        fail(
            f"the perplexity of {what} vs the same model reading every token from a fresh state",
            "not worse: carrying the state should help, not hurt",
            f"{ppl / no_memory:.2f} times the memoryless perplexity",
            "the state carried from one minibatch to the next does not belong to the text that follows "
            "(random minibatches need a fresh state each), or it is not detached between minibatches",
        )
    held = ", on held-out text" if train_data is not None else ""
    # say only what the numbers show: the state reaches later predictions (_check_memory), but
    # whether carrying it lowers the perplexity is a measurement that can go either way
    if ppl < no_memory:
        memory = f"carrying the state lowers it (from a fresh state at every token: {no_memory:.2f})"
    else:
        memory = (
            f"earlier tokens reach later predictions, though carrying the state did not lower the "
            f"perplexity here (from a fresh state at every token: {no_memory:.2f})"
        )
    passed(
        f"{what}: perplexity {ppl:.2f} evaluated here{held}, below the unigram baseline {base:.2f}; {memory}"
    )


@torch.no_grad()
def _check_memory(net, data_iter, what):
    """Changing every token but the last of each sequence must change the logits of the last step."""
    device = next(net.parameters()).device
    X, _ = next(iter(data_iter))
    X = X.to(device)
    was_training = net.training
    net.eval()
    try:
        logits, _ = net(X, net.begin_state(batch_size=X.shape[0], device=device))
        X2 = X.clone()
        X2[:, :-1] = (X2[:, :-1] + 1) % logits.shape[-1]  # the last token stays
        logits2, _ = net(X2, net.begin_state(batch_size=X.shape[0], device=device))
    finally:
        net.train(was_training)
    last = slice((X.shape[1] - 1) * X.shape[0], None)  # time-major rows of the last step
    if float((logits2[last] - logits[last]).abs().max()) <= 1e-6:
        fail(
            f"the last predictions of {what} after changing every EARLIER token of each sequence",
            "different: the recurrent state carries earlier tokens forward",
            "unchanged",
            "the state is not carried through time (ignored, reset or never updated inside forward), "
            "so the model only sees the current token",
        )


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


def check_below_unigram(net, data_iter, what="the trained model"):
    """Kept for old notebooks: the same as ``check_trained_lm`` (a model, never a number)."""
    check_trained_lm(net, data_iter, what)


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
    length; the sizes where rounding or slicing from the end would differ are always tested."""
    from .core import call, fresh_rng, passed

    rng = fresh_rng()
    cases = [
        (int(rng.integers(200, 2000)), float(rng.choice([0.1, 0.2]))),
        (int(rng.integers(20, 60)), 0.25),
        (10, 0.5),
    ] + _SPLIT_BOUNDARIES
    for n, frac in cases:
        corpus = [int(t) for t in rng.integers(0, 30, n)]  # random tokens: positions tell the parts apart
        got = call(train_val_split, list(corpus), frac, what=f"train_val_split(corpus, {frac})")
        what = f"train_val_split(a random corpus of {n} tokens, val_fraction={frac})"
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
            ok = lambda v, lo=lo, hi=hi: math.isfinite(v) and lo <= v <= hi
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


def check_reported(reported, net, val_iter, what, rtol=0.05, cause=None):
    """Fail unless a reported validation perplexity is a recomputation of the model as it is:
    ``evaluate_perplexity(net, val_iter)`` (eval mode) at one of the iterator's offsets."""
    try:
        value = float(reported)
    except (TypeError, ValueError):
        fail(
            f"the reported validation perplexity of {what}",
            "a number",
            describe(reported),
            "store evaluate_perplexity(net, val_iter) for each model",
        )
    values = _perplexities_over_offsets(net, val_iter)
    exact = hasattr(val_iter, "corpus") and hasattr(val_iter, "num_steps")
    tol = REPORT_RTOL if exact else rtol
    lo, hi = min(values), max(values)
    if not lo * (1 - tol) <= value <= hi * (1 + tol):
        fail(
            f"the reported validation perplexity of {what}, recomputed here on val_iter in eval "
            f"mode at each of its {len(values)} starting offsets",
            f"one of those values (within {tol:.1%})",
            f"{value:.2f}, {value / lo if value < lo else value / hi:.3f} times the nearest",
            cause
            or "report the perplexity on the VALIDATION iterator, in eval mode (dropout off), of "
            "the model as it is at the end of its training (not a training perplexity, not a "
            "value measured before the last epoch or averaged over epochs, not another model's)",
        )
    return value
