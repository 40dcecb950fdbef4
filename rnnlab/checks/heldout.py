"""Judging trained language models on inputs the check draws itself.

Shared by the checks of the later exercise sets (04, 06, 07, 08 and
10). Nothing here trusts a number the learner reports:

- ``judge_lm`` re-evaluates a trained ``RNNLM``-style model on windows of *The War of the
  Worlds* drawn at random on every call (text the book's models never train on) and asks
  for two things: it beats the unigram baseline (letter frequencies, no context), and it
  beats ITSELF with the state reset at every character (the same model without its
  recurrent part); ``judge_sweep`` asks the context test of the best model of a sweep only;
- ``check_held_out`` rejects a validation text that repeats the training text;
- ``recomputed_range`` re-evaluates a model on the learner's validation iterator;
"""

import math
import random
import sys

import torch
from torch import nn
from torch.nn import functional as F

from .core import describe, fail

HELDOUT = "war_of_the_worlds"
# 64 windows (16 until 2026-12-07): fewer let the draw alone move a ratio by 0.02 (set 7).
NUM_WINDOWS, WINDOW, WARM = 64, 300, 30  # 64 windows of 300 characters, the first 30 warm up
# A model that ignores its state scores the same with and without context (float rounding only),
# so 0.1% suffices (was 1%). frr, quick mode, 2026-12-07 (trainings x draws of 64 windows; slack
# 0.999 - ppl / reset): gate_study_06 10x20 mean 0.143, sd 0.007 (20.6 sd); gru_lstm_pair_06 6x20
# 0.120, 0.009 (13.2 sd); forget_bias_pair_07 40x5 see set07_lstm.py; gru_for_lstm_08 20x10 0.249,
# 0.010 (23.7 sd); depth_study_08 4x10 0.294, 0.011 (26 sd); hidden_sweep_04 12x10 0.107, 0.009
# (12 sd): 0 rejected in all, every normal-tail estimate below 1e-30 (docs/false-rejections.md).
# Set 7's coupled LSTM (Adam, overfits; some seeds gain only 1% from context) failed it in 2 of 115
# reference runs (est. 2e-2, frr coupled_heldout_07), so check_heldout_lm no longer requires the
# gain: it tests that the state carries the past (require_state_carries, deterministic).
CONTEXT_MARGIN = 0.999
NO_CONTEXT_CAUSE = (
    "the recurrent part does not carry information from step to step: is the "
    "state passed on (and not replaced by zeros), is the recurrent weight used?"
)
_cache = {}


def call_generator():
    """A generator seeded afresh on every call: inputs differ from call to call."""
    return torch.Generator().manual_seed(random.SystemRandom().randrange(2**62))


def _text(name):
    if name not in _cache:
        from ..data import read_lines

        _cache[name] = "".join(read_lines(name))  # lines joined as load_corpus joins them
    return _cache[name]


def heldout_windows(vocab, gen, num=NUM_WINDOWS, length=WINDOW):
    """``num`` random windows of ``length`` token ids of the held-out book: (num, length)."""
    text = _text(HELDOUT)
    starts = torch.randint(0, len(text) - length, (num,), generator=gen).tolist()
    return torch.tensor([vocab[list(text[s : s + length])] for s in starts])


def unigram_log_probs(vocab):
    """Log frequencies of the tokens in all of The Time Machine (add-0.5 smoothing)."""
    ids = torch.tensor(vocab[list(_text("time_machine"))])
    counts = torch.bincount(ids, minlength=len(vocab)).double() + 0.5
    return (counts / counts.sum()).log()


def is_model(obj):
    return isinstance(obj, nn.Module)


def require_model(obj, what):
    """Fail unless ``obj`` is a network (not a number, a list of numbers or a History)."""
    if not is_model(obj):
        fail(
            what,
            "the trained network itself (an nn.Module): the check evaluates it on text it draws",
            describe(obj),
            "numbers instead of a model: pass the network, not its perplexity or its History",
        )


def _device(net):
    p = next(net.parameters(), None)
    return p.device if p is not None else torch.device("cpu")


@torch.no_grad()
def lm_perplexities(net, W, warm=WARM):
    """(perplexity with context, perplexity with the state reset at every character) of an
    RNNLM-style ``net`` on the windows ``W`` (num, length), scored after ``warm`` characters."""
    was_training, device = net.training, _device(net)
    net.eval()
    try:
        num, length = W.shape
        V = net.vocab_size
        X = W[:, :-1].to(device)
        y_hat, _ = net(X, net.begin_state(batch_size=num, device=device))
        y_hat = y_hat.reshape(length - 1, num, V)[warm - 1 :]  # time-major, as RNNLM returns
        target = W[:, warm:].T.to(device)
        ctx = F.cross_entropy(y_hat.reshape(-1, V).float(), target.reshape(-1)).item()
        X1 = W[:, warm - 1 : -1].T.reshape(-1, 1).to(device)  # every character on its own
        y1, _ = net(X1, net.begin_state(batch_size=X1.shape[0], device=device))
        reset = F.cross_entropy(y1.float(), target.reshape(-1)).item()
    finally:
        net.train(was_training)
    return math.exp(ctx), math.exp(reset)


# A model trained by a recipe that may leave it near the unigram plateau in quick mode (SGD at
# learning rate 1 on the LSTMs of sets 6 and 7) is judged against the untrained level instead
# (an untrained model sits near len(vocab)): frr forget_bias_pair_07 (2026-12-07) found the
# reference's biased LSTM above the unigram baseline after 1 of 15 quick trainings (17.37 against
# 17.21; its last epoch's step had jumped, held-out 16.96 after 14.18 the epoch before).
UNTRAINED_SHARE = 0.8


def judge_lm(net, vocab, what, margin=CONTEXT_MARGIN, baseline="unigram"):
    """Fail unless the trained ``net`` beats the unigram baseline (``baseline="untrained"``: is
    below UNTRAINED_SHARE of the vocabulary size) and itself without context (by the factor
    ``margin``; None: not asked) on held-out windows drawn now; return (perplexity, reset
    perplexity, unigram perplexity)."""
    require_model(net, what)
    if getattr(net, "vocab_size", None) != len(vocab):
        fail(
            f"the output size of {what}",
            f"{len(vocab)} (len(vocab))",
            getattr(net, "vocab_size", "no attribute vocab_size"),
            "build the model with rnnlab.RNNLM(layer, len(vocab)) on the same vocab",
        )
    W = heldout_windows(vocab, call_generator())
    try:
        ppl, reset = lm_perplexities(net, W)
    except (RuntimeError, TypeError, ValueError, AttributeError) as err:
        fail(
            f"running {what} on held-out text",
            "net(X, net.begin_state(batch_size, device)) returning time-major logits, as rnnlab.RNNLM does",
            f"{type(err).__name__}: {err}"[:300],
            "keep the RNNLM interface (or wrap your layer in rnnlab.RNNLM)",
        )
    uni = math.exp(-unigram_log_probs(vocab)[W[:, WARM:]].mean().item())
    where = f"{NUM_WINDOWS} random windows of The War of the Worlds (drawn now)"
    if baseline == "untrained" and not ppl < UNTRAINED_SHARE * len(vocab):
        fail(
            f"held-out perplexity of {what} on {where}",
            f"below {UNTRAINED_SHARE:.0%} of the vocabulary size, where an untrained model sits",
            f"{ppl:.2f} (vocabulary size {len(vocab)})",
            "the model was not trained, or not the object you trained: keep the trained object",
        )
    if baseline == "unigram" and not ppl < uni:
        fail(
            f"held-out perplexity of {what} on {where}",
            "below the unigram baseline (letter frequencies, no context)",
            f"{ppl:.2f} against a baseline of {uni:.2f}",
            "the model is untrained or learned nothing that transfers: train it (check the "
            "learning rate and epochs), or it overfits so much that held-out text suffers",
        )
    if margin is not None and not ppl < margin * reset:
        fail(
            f"held-out perplexity of {what} with context, against the SAME model with its state "
            f"reset at every character",
            f"with context at least {1 - margin:.1%} lower",
            f"{ppl:.2f} with context, {reset:.2f} without",
            NO_CONTEXT_CAUSE,
        )
    return ppl, reset, uni


@torch.no_grad()
def require_state_carries(net, vocab, what, num=8, length=40):
    """Fail unless changing every earlier character of a held-out window changes ``net``'s
    prediction after the last one: the state carries the past forward. Deterministic, so it
    cannot reject a correct model by chance, where a perplexity gain from context can (a model
    that overfits gains little on some seeds)."""
    W = heldout_windows(vocab, call_generator(), num=num, length=length)
    X = W.to(_device(net))
    X2 = X.clone()
    X2[:, :-1] = (X2[:, :-1] + 1) % len(vocab)  # the last character stays
    was_training = net.training
    net.eval()
    try:
        y1, _ = net(X, net.begin_state(batch_size=num, device=X.device))
        y2, _ = net(X2, net.begin_state(batch_size=num, device=X.device))
    finally:
        net.train(was_training)
    last = slice((length - 1) * num, None)  # time-major rows of the last step
    if float((y2[last] - y1[last]).abs().max()) <= 1e-6:
        fail(
            f"the predictions of {what} after the last character of {num} held-out windows, once "
            "with every earlier character changed",
            "different: the state carries earlier characters forward",
            "unchanged",
            NO_CONTEXT_CAUSE,
        )


def judge_sweep(models, vocab, label, margin=CONTEXT_MARGIN):
    """Judge the trained models of a sweep (``label(key)`` names one): every one beats the
    unigram baseline, and the one that gains most from context beats itself without context.

    Only the best carries the context test: a sweep exists to show that some settings train
    badly (a wide RNN at a high learning rate can learn little beyond letter pairs), while a
    model that drops its state makes every member of the sweep fail it."""
    ratios = {}
    for key, net in models.items():
        ppl, reset, _ = judge_lm(net, vocab, label(key), margin=None)
        ratios[key] = (ppl, reset)
    best = min(ratios, key=lambda k: ratios[k][0] / ratios[k][1])
    if not ratios[best][0] < margin * ratios[best][1]:
        fail(
            "held-out perplexity with context, against the SAME model with its state reset at "
            "every character, for the models of the sweep",
            f"at least one model {1 - margin:.1%} lower with context",
            "; ".join(f"{label(k)}: {p:.2f} with, {r:.2f} without" for k, (p, r) in ratios.items()),
            NO_CONTEXT_CAUSE,
        )


# --- validation data --------------------------------------------------------------------


def tokens_of(data):
    """A flat list of token ids from an iterator (its ``.corpus``), a tensor or a list."""
    corpus = getattr(data, "corpus", data)
    if isinstance(corpus, torch.Tensor):
        return corpus.reshape(-1).tolist()
    return [int(t) for t in corpus]


def check_held_out(val_data, train_data, what="the validation text", n=32, max_shared=0.02):
    """Fail unless ``val_data`` is held out: almost none of its ``n``-token pieces occur in
    ``train_data`` (an iterator, tokens, or a list of either). The books repeat phrases, never
    whole passages: a correct split of any of the three corpora shares well under 0.1%. And,
    where both texts are found in one of the books, they cover no common stretch of it (a few
    dozen training characters in front of the validation text are caught there)."""
    val = tokens_of(val_data)
    trains = (
        train_data
        if isinstance(train_data, (list, tuple)) and train_data and not isinstance(train_data[0], int)
        else [train_data]
    )
    if len(val) < 2 * n:
        fail(
            f"the size of {what}",
            f"at least {2 * n} tokens",
            f"{len(val)} tokens",
            "build the validation iterator on a held-out part of the text",
        )
    seen = set()
    for train in map(tokens_of, trains):
        seen.update(tuple(train[i : i + n]) for i in range(len(train) - n + 1))
    pieces = [tuple(val[i : i + n]) for i in range(0, len(val) - n + 1, n // 2)]
    shared = sum(p in seen for p in pieces) / len(pieces)
    if shared > max_shared:
        fail(
            f"{what} against the training text",
            f"held-out text: at most {max_shared:.0%} of its {n}-token pieces also in training",
            f"{shared:.0%} of them are",
            "the validation iterator is built on (part of) the "
            "training text: split the corpus first (the end of it is the validation text), "
            "train on one part, validate on the other",
        )
    from .spans import shared_positions

    overlap = shared_positions(val, [tokens_of(t) for t in trains], sys.modules[__name__])
    if overlap:
        fail(
            f"{what} against the training text, located in the book",
            "held-out text: no stretch of the book in both",
            f"{overlap} character{'s' if overlap > 1 else ''} of the book in both",
            "the validation text includes training text (a warm-up context, an overlap at the "
            "cut): build the validation iterator on the held-out part alone",
        )


BOOKS = ("time_machine", "war_of_the_worlds", "tiny_shakespeare")
_GAP_CAP, _PROBE = 255, 64  # gaps to the previous equal token, capped; the length of a probe


def _gaps(seq):
    """For each position, the distance to the previous equal element (capped at _GAP_CAP, which
    also stands for "none before"): a fingerprint of a text that does not depend on which id
    stands for which character. Past position _GAP_CAP a passage has the same gaps as its book."""
    import numpy as np

    a = np.asarray(seq)
    out = np.full(len(a), _GAP_CAP, dtype=np.int64)
    for t in np.unique(a):
        pos = np.flatnonzero(a == t)
        out[pos[1:]] = np.diff(pos)
    return np.minimum(out, _GAP_CAP).astype(np.uint8).tobytes()


def _book_gaps(name):
    key = ("gaps", name)
    if key not in _cache:
        text = _text(name)
        _cache[key] = (text, _gaps([ord(c) for c in text]))
    return _cache[key]


def book_texts():
    """{name: text} of the three books the checks locate passages in."""
    return {name: _book_gaps(name)[0] for name in BOOKS}


def id_meanings(ids):
    """{id: character} for a passage of token ids found in one of the three books, or None."""
    if len(ids) < _GAP_CAP + _PROBE:
        return None
    probe = _gaps(ids)[_GAP_CAP : _GAP_CAP + _PROBE]
    for name in BOOKS:
        text, gaps = _book_gaps(name)
        at = gaps.find(probe)
        while at >= 0:
            start = at - _GAP_CAP
            passage = text[start : start + len(ids)] if start >= 0 else ""
            if len(passage) == len(ids):
                meaning, back = {}, {}
                if all(
                    meaning.setdefault(i, c) == c and back.setdefault(c, i) == i for i, c in zip(ids, passage)
                ):
                    return meaning
            at = gaps.find(probe, at + 1)
    return None


def check_shared_vocabulary(iterators, what="val_iters"):
    """Fail unless a token id means the same character in every iterator's text. Which character
    an id stands for is read off the books themselves (a passage is found by the pattern of its
    repeated tokens, whatever the ids); texts found in no book are not judged."""
    seen = {}  # id -> (character, index of the iterator that showed it)
    for j, it in enumerate(iterators):
        meaning = id_meanings(tokens_of(it))
        for i, c in (meaning or {}).items():
            if seen.setdefault(i, (c, j))[0] != c:
                fail(
                    f"what token id {i} stands for in {what}[{seen[i][1]}] and in {what}[{j}]",
                    "the same character in every corpus (one shared vocabulary)",
                    f"{seen[i][0]!r} in one, {c!r} in the other",
                    "each corpus got its own Vocab (ids ordered by its own frequencies): build one "
                    "Vocab over all corpora and pass it to every load_corpus(..., vocab=...)",
                )


@torch.no_grad()
def recomputed_range(net, val_iter, repeats=3):
    """(min, max) of ``evaluate_perplexity(net, val_iter)`` over a few random offsets."""
    from ..train import evaluate_perplexity

    state = random.getstate()
    try:
        values = []
        for _ in range(repeats):
            random.seed(random.SystemRandom().randrange(2**31))
            values.append(evaluate_perplexity(net, val_iter))
    finally:
        random.setstate(state)
    return min(values), max(values)


# A figure measured on a sequential iterator IS evaluate_perplexity at one of its starting
# offsets, all of which the check recomputes: it must lie within float noise of ONE of them (not
# merely inside their range, which a figure of an earlier epoch or another model often is).
# Measured (2026-12-07, CPU): evaluate_perplexity again at a random offset, relative difference 0;
# an own evaluation loop (float64 sum of per-token losses) 2e-8. At 1e-5, a number drawn at random
# inside the offsets' range (0.27 % wide for a GRU after 2 epochs) falls that close to one of the
# 36 values in 23 % of draws; at the earlier 1e-3 (the range widened by it) in all of them.
# Other iterators are sampled at a few seeds, with the wider tolerance ``rtol``.
REPORT_RTOL = 1e-5


def near_one_of(value, values, tol=REPORT_RTOL):
    """``value`` within relative ``tol`` of one of ``values``."""
    return any(abs(value - w) <= tol * abs(w) for w in values)
