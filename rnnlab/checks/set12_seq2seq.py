"""Checks of exercise set 12 (encoder-decoder models and attention): the shifted decoder input
and the masked teacher-forced loss, beam search, additive attention and a decoder that uses it.

Each check draws its own inputs afresh on every call and compares with a float64 computation
of its own, outputs and gradients; the properties it tests are in its docstring. House
conventions in ``rnnlab.checks.core``."""

import itertools
import math

import torch
from torch import nn

from .core import call, describe, fail, fresh_generator, passed


def _randint(lo, hi, gen):
    return int(torch.randint(lo, hi + 1, (1,), generator=gen))


def _lengths(batch_size, max_len, gen):
    """Random lengths in 1..max_len with one full row and, in a batch of two or more (when
    max_len > 1), a shorter last row: of length 1 in a batch of 3+, so padding is always there."""
    lengths = torch.randint(1, max_len + 1, (batch_size,), generator=gen)
    lengths[0] = max_len
    if batch_size > 2:
        lengths[-1] = 1
    elif batch_size == 2 and max_len > 1:
        lengths[-1] = _randint(1, max_len - 1, gen)
    return lengths


# --- exercise 1: shifted decoder inputs and the masked teacher-forced loss -------------------


# frr decoder_inputs_12: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_decoder_inputs(decoder_inputs):
    """``decoder_inputs(Y, bos)``: for targets Y (batch_size, T), the decoder's input under
    teacher forcing, ``<bos>, y_1, ..., y_{T-1}`` in every row: same shape and dtype as Y,
    Y itself unchanged. Tried on a batch of one, on T = 1 and on random batches, with int64,
    int32 and uint8 targets."""
    gen = fresh_generator()
    sizes = ((1, 1), (1, 5), (_randint(2, 6, gen), _randint(2, 9, gen)), (3, 1))
    # targets of other integer dtypes too: a bos column made as int64 would promote them
    for (B, T), dtype in zip(sizes, (torch.int64, torch.int32, torch.int64, torch.uint8)):
        bos = _randint(1, 5, gen)
        Y = torch.randint(6, 40, (B, T), generator=gen).to(dtype)
        original = Y.clone()
        got = call(decoder_inputs, Y, bos)
        want = torch.cat([torch.full((B, 1), bos, dtype=dtype), original[:, :-1]], dim=1)
        what = f"decoder_inputs(Y of shape {(B, T)}, bos={bos})"
        if not torch.equal(Y, original):
            fail(what, "Y unchanged", "Y was modified", "build a new tensor; do not write into Y")
        if not isinstance(got, torch.Tensor) or got.shape != Y.shape or got.dtype != Y.dtype:
            fail(
                what,
                f"a {Y.dtype} tensor of shape {(B, T)}",
                describe(got),
                "return one id per target position",
            )
        if torch.equal(got, want):
            continue
        if torch.equal(got, original):
            cause = "Y returned as it is: each step would read the token it must predict"
        elif got.shape[1] > 1 and torch.equal(got[:, 1:], original[:, 1:]):
            cause = "the first column must be bos, followed by Y without its last column"
        elif not torch.equal(got[:, 0], torch.full((B,), bos)):
            cause = "every row must start with bos"
        else:
            cause = "row b must read bos, Y[b, 0], ..., Y[b, T-2] (shifted right by one)"
        fail(what, want[0].tolist(), got[0].tolist(), cause)
    passed("decoder_inputs: <bos> then the targets shifted right by one, Y unchanged (T = 1 included)")


class _CausalNet(nn.Module):
    """A small seq2seq stand-in: logits at step t from Y_in[:, t], Y_in[:, t-1] and a summary of
    the real source tokens, so the loss depends on which decoder inputs it is given."""

    def __init__(self, vocab_size, gen):
        super().__init__()
        self.now = nn.Parameter(torch.randn(vocab_size, vocab_size, generator=gen))
        self.before = nn.Parameter(0.5 * torch.randn(vocab_size, vocab_size, generator=gen))
        self.source = nn.Parameter(0.3 * torch.randn(vocab_size, vocab_size, generator=gen))
        self.inputs_seen = []

    def forward(self, X, X_len, Y_in):
        self.inputs_seen.append(Y_in.detach().clone())
        real = (torch.arange(X.shape[1])[None, :] < X_len[:, None]).to(self.now.dtype)
        summary = (self.source[X] * real[..., None]).sum(1) / X_len[:, None].to(self.now.dtype)
        previous = torch.cat([Y_in[:, :1], Y_in[:, :-1]], dim=1)
        return self.now[Y_in] + self.before[previous] + summary[:, None]


def _reference_loss(net, X, X_len, Y, Y_len, bos):
    """float64: the net run on the shifted targets, cross-entropy averaged over real positions."""
    twin = _CausalNet(net.now.shape[0], torch.Generator()).double()
    twin.load_state_dict({k: v.detach().double() for k, v in net.state_dict().items()})
    Y_in = torch.cat([torch.full_like(Y[:, :1], bos), Y[:, :-1]], dim=1)
    logits = twin(X, X_len, Y_in)
    mask = torch.arange(Y.shape[1])[None, :] < Y_len[:, None]
    per_token = -logits.log_softmax(-1).gather(-1, Y[..., None])[..., 0]
    loss = (per_token * mask).sum() / mask.sum()
    loss.backward()
    return loss.item(), {k: p.grad for k, p in twin.named_parameters()}, logits.detach(), per_token.detach()


# frr seq2seq_loss_12: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_seq2seq_loss(seq2seq_loss):
    """``seq2seq_loss(net, X, X_len, Y, Y_len, bos)``: the teacher-forced training loss of a
    model ``net(X, X_len, Y_in) -> logits (batch_size, T, vocab_size)``: the net is given the
    shifted targets (``<bos>, y_1, ..., y_{T-1}``) and the cross-entropy against Y is averaged
    over the real target positions ``t < Y_len[b]``, every real token counting once. The
    padded positions of Y hold random ids here, which must not matter. The loss must equal a
    float64 computation and so must its gradients with respect to the net's parameters, on
    random batches, a batch of one and targets of length 1."""
    gen = fresh_generator()
    for B in (1, 2, _randint(3, 6, gen)):
        V, S, T = _randint(6, 12, gen), _randint(2, 7, gen), _randint(2, 6, gen) if B > 1 else 1
        # the source's full-length row is not the target's: a mask built from X_len shows
        X_len, Y_len = _lengths(B, S, gen).roll(1), _lengths(B, T, gen)
        X, Y = torch.randint(0, V, (B, S), generator=gen), torch.randint(0, V, (B, T), generator=gen)
        bos = _randint(0, V - 1, gen)
        net = _CausalNet(V, gen)
        what = f"seq2seq_loss on a batch of {B} with target lengths {Y_len.tolist()}"
        got = call(seq2seq_loss, net, X.clone(), X_len.clone(), Y.clone(), Y_len.clone(), bos)
        if not isinstance(got, torch.Tensor) or got.numel() != 1 or not got.requires_grad:
            fail(
                what,
                "a scalar tensor connected to the net's parameters",
                describe(got)
                + ("" if not isinstance(got, torch.Tensor) else f", requires_grad={got.requires_grad}"),
                "return the loss tensor itself (no .item(), no .detach()): training needs its gradient",
            )
        net.zero_grad()
        got.backward()
        want, want_grads, logits, per_token = _reference_loss(net, X, X_len, Y, Y_len, bos)
        if not abs(got.item() - want) <= 1e-5 * max(1.0, abs(want)):  # NaN fails too
            seen = net.inputs_seen[-1] if net.inputs_seen else None
            mask = torch.arange(T)[None, :] < Y_len[:, None]
            if seen is not None and T > 1 and torch.equal(seen, Y):
                cause = "the net was given Y itself: feed decoder_inputs(Y, bos), the targets shifted right"
            elif seen is not None and not torch.equal(seen[:, 0], torch.full((B,), bos)):
                cause = "the net's input must start with bos in every row (shifted targets)"
            elif abs(got.item() - per_token.mean().item()) < 1e-5:
                cause = (
                    "the padded positions were counted (an ignore_index for the pad id misses "
                    "them here, where the padding holds random ids): average over t < Y_len[b] only"
                )
            elif math.isnan(got.item()) or any(
                abs(got.item() - ((per_token * (Y != p)).sum() / (Y != p).sum()).item()) < 1e-5
                for p in range(V)
                if (Y != p).any()
            ):
                cause = (
                    "the loss skipped the targets equal to one id (ignore_index?); here the padding "
                    "holds random ids and real tokens can have any id: mask by t < Y_len[b]"
                )
            elif abs(got.item() - ((per_token * mask).sum(1) / mask.sum(1)).mean().item()) < 1e-5:
                cause = "a mean of per-sequence means: every real token must count once"
            else:
                cause = "cross-entropy of net(X, X_len, shifted Y) against Y, masked by t < Y_len[b]"
            fail(what, f"{want:.6f}", f"{got.item():.6f}", cause)
        for name, p in net.named_parameters():
            g = torch.zeros_like(p) if p.grad is None else p.grad
            if (g.double() - want_grads[name]).abs().max().item() > 1e-5:
                fail(
                    f"{what}: the gradient of the loss with respect to the net's {name}",
                    "the gradient of the float64 reference",
                    f"a max abs difference of {(g.double() - want_grads[name]).abs().max().item():.1e}",
                    "compute the loss from the net's logits with torch operations only",
                )
    passed(
        "seq2seq_loss: the net sees <bos> + shifted targets; the masked mean cross-entropy and "
        "its gradients equal a float64 computation (batches of one, targets of length 1, junk in the pads)"
    )


# --- exercise 2: beam search -----------------------------------------------------------------


class _TinyDecoder:
    """A random recurrent decoder: ``step(tokens (k,), state (k, h)) -> (log-probs (k, V), state)``.
    Random logits spread enough that greedy and the best sequence often differ."""

    def __init__(self, vocab_size, hiddens, eos, gen, eos_bias=1.0):
        self.E = torch.randn(vocab_size, hiddens, generator=gen, dtype=torch.float64)
        self.W = torch.randn(hiddens, hiddens, generator=gen, dtype=torch.float64) / math.sqrt(hiddens)
        self.U = 1.5 * torch.randn(hiddens, vocab_size, generator=gen, dtype=torch.float64)
        self.eos_bias = torch.zeros(vocab_size, dtype=torch.float64)
        self.eos_bias[eos] = eos_bias  # 1: sequences often end before max_len; -8: hardly ever
        self.calls = 0

    def __call__(self, tokens, state):
        self.calls += 1
        if not (isinstance(tokens, torch.Tensor) and tokens.dim() == 1 and len(tokens) == len(state)):
            fail(
                "the arguments of step(tokens, state)",
                f"tokens of shape (k,), one per row of state {tuple(state.shape)}",
                describe(tokens),
                "pass the last token of every live hypothesis as a 1-d tensor, rows aligned with state",
            )
        state = torch.tanh(self.E[tokens] + state @ self.W)
        return torch.log_softmax(state @ self.U + self.eos_bias, dim=-1), state


def _sequence_log_prob(decoder, state, bos, eos, ids, max_len):
    """The model's log-probability of ``ids`` (then <eos>, when shorter than max_len)."""
    tokens, total = [bos] + list(ids), 0.0
    targets = list(ids) + ([eos] if len(ids) < max_len else [])
    for given, wanted in zip(tokens, targets):
        log_probs, state = decoder(torch.tensor([given]), state)
        total += log_probs[0, wanted].item()
    return total


def _greedy(decoder, state, bos, eos, max_len):
    ids, token = [], bos
    for _ in range(max_len):
        log_probs, state = decoder(torch.tensor([token]), state)
        token = int(log_probs[0].argmax())
        if token == eos:
            break
        ids.append(token)
    return ids


def _exhaustive(decoder, state, bos, eos, vocab_size, max_len):
    """The best complete sequence by brute force: every sequence of up to max_len tokens."""
    others = [v for v in range(vocab_size) if v != eos]
    best = (-math.inf, None)
    for n in range(max_len + 1):
        for ids in itertools.product(others, repeat=n):
            score = _sequence_log_prob(decoder, state, bos, eos, ids, max_len)
            best = max(best, (score, list(ids)))
    return best


def _reference_beam(decoder, state, bos, eos, beam_size, max_len, finished_take_slots=True):
    """The text's beam search in float64: extend every live hypothesis by every token, keep the
    ``beam_size`` best extensions by total score; those ending in <eos> or reaching max_len are
    finished. With ``finished_take_slots=False``, the other common reading: the finished ones
    among the best are kept and ``beam_size`` live extensions go on. Returns the best finished
    ids."""
    live, finished = [([], 0.0, state)], []
    while live:
        candidates = []
        for ids, total, st in live:
            log_probs, new = decoder(torch.tensor([ids[-1] if ids else bos]), st)
            for v in range(log_probs.shape[-1]):
                candidates.append((total + float(log_probs[0, v]), ids + [v], new))
        candidates.sort(key=lambda c: -c[0])
        best = candidates[:beam_size]
        done = [c for c in best if c[1][-1] == eos or len(c[1]) >= max_len]
        finished += [(score, ids[:-1] if ids[-1] == eos else ids) for score, ids, _ in done]
        going = [
            c
            for c in (best if finished_take_slots else candidates)
            if c[1][-1] != eos and len(c[1]) < max_len
        ]
        live = [(ids, score, st) for score, ids, st in going[:beam_size]]
    return max(finished, key=lambda f: f[0])[1]


def _beam_mismatch_cause(ids, found, max_len):
    """The likely cause when a beam search returns another sequence than the reference's."""
    if len(ids) == max_len and all(len(f) < max_len for f in found):
        # the reference ends with a hypothesis that said <eos>; this one ran on to max_len
        return (
            "stop a hypothesis at <eos>: it is finished and competes with its total score; "
            "extending it further (or dropping it) loses the best sequence"
        )
    return (
        "rank the extensions by their total score (the plain sum of log-probabilities: not the "
        "new token's log-probability alone, not divided by the length) and keep each survivor's "
        "own total and state; of the finished hypotheses keep the best by total score, not the "
        "first to finish"
    )


def _run_beam(beam_search, decoder, state, bos, eos, beam_size, max_len):
    what = f"beam_search(step, state, bos={bos}, eos={eos}, beam_size={beam_size}, max_len={max_len})"
    result = call(beam_search, decoder, state.clone(), bos, eos, beam_size, max_len, what=what)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(what, "a pair (list of token ids, score)", describe(result), "return ids, score")
    ids, score = result
    ids = ids.tolist() if isinstance(ids, torch.Tensor) else ids
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        fail(
            what,
            "the token ids as a list of ints (no <bos>, no <eos>)",
            describe(ids),
            "return a list of ints",
        )
    if eos in ids or len(ids) > max_len:
        fail(
            what,
            f"at most {max_len} token ids, without <eos>",
            ids,
            "stop a hypothesis at <eos> and leave <eos> out of the returned ids",
        )
    return what, ids, float(score)


# frr beam_search_12: 0 of 300 runs rejected (fresh inputs, 2026-12-07): rate < 9.94e-03 (95 %)
def check_beam_search(beam_search):
    """``beam_search(step, state, bos, eos, beam_size, max_len) -> (ids, score)`` on small random
    decoders (``step(tokens (k,), state (k, h)) -> (log-probs (k, V), new state)``):

    * with ``beam_size=1`` it returns the greedy sequence;
    * the returned score is the model's log-probability of the returned ids followed by
      ``<eos>`` (no ``<eos>`` term when it returned ``max_len`` ids), for several widths;
    * with a beam wide enough to keep every hypothesis it returns the most probable sequence,
      found here by enumerating all of them;
    * with beams of 2, 3 and 5 it returns what a float64 beam search returns (the beam_size
      best extensions by total score survive each step; the finished ones among them either
      take their slots or not: both readings of the text are accepted).

    Properties every correct solution has: all of the above, on decoders the check draws.
    """
    gen = fresh_generator()
    for trial in range(10):
        V, h, max_len = _randint(3, 5, gen), _randint(3, 6, gen), _randint(2, 4, gen)
        bos, eos = 0, _randint(1, V - 1, gen)
        # the first decoder hardly ever says <eos>: its best sequences run to max_len
        decoder = _TinyDecoder(V, h, eos, gen, eos_bias=-8.0 if trial == 0 else 1.0)
        state = torch.randn(1, h, generator=gen, dtype=torch.float64)
        what, ids, _ = _run_beam(beam_search, decoder, state, bos, eos, 1, max_len)
        greedy = _greedy(decoder, state, bos, eos, max_len)
        if ids != greedy:
            cause = "with one hypothesis, beam search is greedy decoding"
            if len(greedy) == max_len:
                cause += (
                    "; here greedy ran to max_len without <eos>: a hypothesis cut at max_len is "
                    "finished too and must be kept"
                )
            fail(what, f"the greedy sequence {greedy}", ids, cause)
        # on longer sequences, from several start states, where hypotheses overtake each other
        for beam_size, _start in itertools.product((2, 3, 5), range(3)):
            state = torch.randn(1, h, generator=gen, dtype=torch.float64)
            what, ids, score = _run_beam(beam_search, decoder, state, bos, eos, beam_size, 8)
            want = _sequence_log_prob(decoder, state, bos, eos, ids, 8)
            if abs(score - want) > 1e-6 * max(1.0, abs(want)):
                fail(
                    f"{what}: the score of the returned ids {ids}",
                    f"their log-probability under the model, {want:.6f}",
                    f"{score:.6f}",
                    "the score is the sum of log P(token | prefix) over the returned tokens and "
                    "the final <eos> (when shorter than max_len): add, do not multiply, and "
                    "carry each hypothesis's own total",
                )
            found = [
                _reference_beam(decoder, state, bos, eos, beam_size, 8, finished_take_slots=slots)
                for slots in (True, False)
            ]
            if ids not in found:
                fail(
                    what,
                    "the sequence a beam search finds: at every step the beam_size extensions "
                    "with the highest TOTAL score (the hypothesis's sum plus the new token's "
                    "log-probability) survive",
                    f"{ids}, log-probability {want:.4f}, another sequence",
                    _beam_mismatch_cause(ids, found, 8),
                )
        wide = V**max_len
        what, ids, score = _run_beam(beam_search, decoder, state, bos, eos, wide, max_len)
        best_score, best_ids = _exhaustive(decoder, state, bos, eos, V, max_len)
        if abs(score - best_score) > 1e-6 * max(1.0, abs(best_score)):
            fail(
                what,
                f"the most probable sequence {best_ids} (log-probability {best_score:.4f})",
                f"{ids} with score {score:.4f}",
                "a beam this wide keeps every hypothesis: compare finished hypotheses (those that "
                "ended with <eos> and those cut at max_len) by their total score, and keep the best",
            )
    passed(
        "beam_search: width 1 is greedy; the score is the log-probability of the returned "
        "sequence; a wide beam finds the most probable sequence (checked by enumeration)"
    )
