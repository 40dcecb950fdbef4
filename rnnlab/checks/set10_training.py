"""Checks of exercise 4 of set 10: the learner's training loop, run on a small controlled problem
and compared with the reference procedure, and the trained line model judged on held-out lines."""

import copy
import math
import time

import torch
from torch import nn
from torch.nn import functional as F

from .core import call, describe, fail, max_abs_diff, passed
from .heldout import CONTEXT_MARGIN, call_generator, require_model, unigram_log_probs

# The controlled problem: a tiny float64 line model, SGD, batches of 4 lines.
VOCAB, EMBED, HIDDEN = 7, 4, 6
LR, MAX_NORM, BATCH_SIZE, NUM_EPOCHS = 0.1, 1.0, 4, 2
# Every forward of the check's model sleeps this long, so an epoch of n batches lasts at least
# n * SLEEP_S: a floor for the time implied by the reported tokens/s.
SLEEP_S = 0.04  # 0 of 200 correct runs rejected (quick mode, 2026-12-06, load average about 25)
# float64 reference; float32 rounding inside the learner's loss stays far below.
PARAM_TOL = 1e-5  # 0 of 200 correct runs rejected (quick mode, 2026-12-06)
# frr line_model_10 (20 trainings x 10 runs, 2026-12-07): 0 of 200 rejected; slack
# log10(PARAM_TOL / diff) mean 2.30 decades, sd 0.14, min 2.02: 16.7 sd, est. 1e-62; the context
# margin (0.999 - ppl / reset) mean 0.54, sd 0.018, min 0.48: 30 sd.
# Every wrong variant must move the parameters at least this much, or the problem is redrawn.
VARIANT_GAP = 100 * PARAM_TOL


class _SpyLineModel(nn.Module):
    """A tiny line model with the PackedLineLM interface (embedding, GRU, linear; float64) that
    records what it is fed. Right padding cannot reach its logits at real positions (a forward
    GRU reads the pads after the real tokens), so it needs no packing, and the pad id the
    learner uses does not matter."""

    def __init__(self, gen):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, EMBED)
        self.rnn = nn.GRU(EMBED, HIDDEN, batch_first=True)
        self.linear = nn.Linear(HIDDEN, VOCAB)
        with torch.no_grad():
            for name, p in self.named_parameters():
                scale = 2.0 if name.startswith("linear") else 0.8  # large gradients: clipping acts
                p.copy_(torch.randn(p.shape, generator=gen) * scale)
        self.double()
        self.calls, self.spying = [], True

    def forward(self, X, lengths):
        if self.spying:
            self.calls.append((X.detach().cpu().clone(), torch.as_tensor(lengths).detach().cpu().clone()))
            time.sleep(SLEEP_S)
        out, state = self.rnn(self.embedding(X.long().clamp(0, VOCAB - 1)))
        return self.linear(out), state


def _problem(gen):
    """Nine lines: two long, seven of 2 to 4 characters (one real step at the least). Each epoch
    has two batches of one long and three short lines (padding is most of their cells) and a
    batch of one, in an order drawn here."""
    lengths = [int(torch.randint(18, 26, (1,), generator=gen)) for _ in range(2)]
    lengths += [2] + [int(torch.randint(2, 5, (1,), generator=gen)) for _ in range(6)]
    seqs = [torch.randint(0, VOCAB, (n,), generator=gen) for n in lengths]
    plan = []
    for _epoch in range(NUM_EPOCHS):
        longs = torch.randperm(2, generator=gen).tolist()
        shorts = (2 + torch.randperm(7, generator=gen)).tolist()
        batches = [[longs[0], *shorts[:3]], [longs[1], *shorts[3:6]], [shorts[6]]]
        plan.append([batches[i] for i in torch.randperm(3, generator=gen).tolist()])
    return seqs, plan


def _padded(seqs, batch, targets="next"):
    X = nn.utils.rnn.pad_sequence([seqs[i][:-1] for i in batch], batch_first=True)
    source = [seqs[i][1:] if targets == "next" else seqs[i][:-1] for i in batch]
    Y = nn.utils.rnn.pad_sequence(source, batch_first=True)
    return X, Y, torch.tensor([len(seqs[i]) - 1 for i in batch])


def _reference_train(net, seqs, plan, variant=None):
    """The procedure of the exercise (or a named variant of it) on ``net``, in place."""
    device = next(net.parameters()).device
    optimizer = torch.optim.SGD(net.parameters(), lr=LR)
    norms = []
    for batches in plan:
        for batch in batches:
            X, Y, lengths = _padded(seqs, batch, "same" if variant == "targets_not_shifted" else "next")
            logits, _ = net(X.to(device), lengths)
            per_token = F.cross_entropy(logits.transpose(1, 2), Y.to(device), reduction="none")
            mask = (torch.arange(X.shape[1])[None, :] < lengths[:, None]).to(device)
            loss = (per_token * mask).sum() / mask.sum()
            if variant != "no_zero_grad":
                optimizer.zero_grad()
            loss.backward()
            limit = math.inf if variant == "no_clipping" else MAX_NORM
            norms.append(float(nn.utils.clip_grad_norm_(net.parameters(), limit)))
            optimizer.step()
    return norms


VARIANTS = (  # (variant, likely cause when the learner's parameters match it)
    (
        "no_zero_grad",
        "the gradients are never zeroed, so every step adds the gradients of all earlier "
        "batches: call optimizer.zero_grad() before backward()",
    ),
    (
        "no_clipping",
        "the gradient norm is not clipped: call rnnlab.grad_clipping(net, 1) between backward() and step()",
    ),
    (
        "targets_not_shifted",
        "the targets are the inputs themselves: the targets are the line without its FIRST character, s[1:]",
    ),
)


def _max_param_diff(a, b):
    return max(max_abs_diff(p, q) for p, q in zip(a.parameters(), b.parameters()))


def _controlled_problem(device):
    """A problem on which the reference procedure clips at every step and every variant of
    VARIANTS ends measurably elsewhere (redrawn otherwise)."""
    gen = call_generator()
    for _attempt in range(10):
        seqs, plan = _problem(gen)
        net = _SpyLineModel(gen).to(device)
        net.spying = False
        ref = copy.deepcopy(net)
        norms = _reference_train(ref, seqs, plan)
        variants = []
        for variant, cause in VARIANTS:
            other = copy.deepcopy(net)
            _reference_train(other, seqs, plan, variant)
            variants.append((other, cause))
        if min(norms) > 1.5 * MAX_NORM and all(_max_param_diff(o, ref) > VARIANT_GAP for o, _ in variants):
            net.spying = True
            return seqs, plan, net, ref, variants
    raise RuntimeError("no controlled problem found in 10 draws")  # never seen; a bug of the check


def _rows(X, lengths):
    return sorted(tuple(X[b, :n].tolist()) for b, n in enumerate(lengths.tolist()))


def _check_batches_used(calls, seqs, plan, record, epochs):
    """The batches come from make_batches, once per epoch, and each is fed to the net once as
    the padded lines without their last character."""
    what = f"train_lines(net, {len(seqs)} lines, batch_size={BATCH_SIZE}, num_epochs={NUM_EPOCHS}, ...)"
    if len(record) != epochs:
        fail(
            f"{what}: calls of make_batches",
            f"one per epoch ({epochs})",
            len(record),
            "draw each epoch's batches with make_batches(lengths, batch_size, generator); "
            "do not walk the lines in a fixed order",
        )
    for lengths, batch_size, generator in record:
        if (
            len(lengths) != len(seqs)
            or batch_size != BATCH_SIZE
            or not isinstance(generator, torch.Generator)
        ):
            fail(
                f"{what}: the arguments of make_batches",
                f"the {len(seqs)} lengths, batch_size={BATCH_SIZE}, a torch.Generator",
                f"{len(lengths)} lengths, batch_size={batch_size!r}, generator {describe(generator)[:60]}",
                "call make_batches(lengths, batch_size, generator) with the lines' lengths",
            )
    batches = [b for epoch in plan for b in epoch]
    if len(calls) != len(batches):
        fail(
            f"{what}: forward passes of the net",
            f"one per batch that make_batches returned ({len(batches)})",
            len(calls),
            "run the net once on every batch make_batches returned, and on nothing else",
        )
    every_line = {tuple(s[:-1].tolist()) for s in seqs}
    for k, (batch, (X, lengths)) in enumerate(zip(batches, calls)):
        if (
            X.dim() != 2
            or lengths.dim() != 1
            or len(lengths) != X.shape[0]
            or int(lengths.max()) > X.shape[1]
        ):
            fail(
                f"{what}: what the net was given for batch {k}",
                "X (batch_size, T) padded ids and lengths (batch_size,)",
                f"X {describe(X)}, lengths {lengths.tolist()}",
                "call net(X, lengths) with the padded batch and the lengths of its lines",
            )
        got = _rows(X, lengths)
        if got == sorted(tuple(seqs[i][:-1].tolist()) for i in batch):
            continue
        if got == sorted(tuple(seqs[i][1:].tolist()) for i in batch):
            cause = "the inputs are s[1:]: feed the line without its LAST character, s[:-1]"
        elif all(row in every_line for row in got):
            cause = (
                "these are other lines than the batch make_batches returned: train on its batches, "
                "in its order"
            )
        elif sorted(lengths.tolist()) != sorted(len(seqs[i]) - 1 for i in batch):
            cause = "the inputs are the lines without their last character: lengths len(s) - 1"
        else:
            cause = "feed the batches make_batches returned, in its order, as s[:-1] padded"
        fail(
            f"{what}: the inputs of batch {k}",
            "the lines of that batch without their last character",
            "other rows",
            cause,
        )


def _check_speeds(speeds, plan, seqs, wall, epochs):
    what = "the tokens/s that train_lines returned"
    try:
        speeds = [float(s) for s in speeds]
    except (TypeError, ValueError):
        fail(what, f"a list of {epochs} numbers", describe(speeds), "return the tokens/s of each epoch")
    if len(speeds) != epochs or not all(s > 0 for s in speeds):
        fail(what, f"{epochs} positive numbers, one per epoch", speeds, "return the tokens/s of each epoch")
    implied = []
    for e, (speed, batches) in enumerate(zip(speeds, plan)):
        real = sum(len(seqs[i]) - 1 for b in batches for i in b)
        implied.append(real / speed)
        floor = len(batches) * SLEEP_S
        if implied[-1] < 0.97 * floor:
            fail(
                f"{what}, epoch {e + 1}: real tokens divided by the reported speed",
                f"at least the time its {len(batches)} batches certainly took ({1000 * floor:.0f} ms)",
                f"{1000 * implied[-1]:.0f} ms: the speed counts more tokens than the real ones",
                "count only the real tokens, lengths.sum(), not the padded cells of X (X.numel())",
            )
    if sum(implied) > 1.05 * wall + 0.01:
        fail(
            f"{what}: real tokens divided by the reported speeds, summed over the epochs",
            f"at most the time train_lines ran ({1000 * wall:.0f} ms)",
            f"{1000 * sum(implied):.0f} ms: the speeds count fewer tokens than the real ones",
            "count every real token of every batch, lengths.sum(), and divide by the epoch's time",
        )


def check_train_lines(train_lines, device="cpu"):
    """``train_lines(net, seqs, batch_size, num_epochs, optimizer, make_batches)`` run on a small
    controlled problem (the check's own tiny line model, lines, optimizer and make_batches).

    Properties every correct solution has: make_batches is called once per epoch with the
    lines' lengths, the batch size and a torch.Generator whose state differs from every earlier
    epoch's (so that two epochs draw different orders); the net runs once on every batch it
    returned (in any row order), fed the lines without their last character, padded, with
    lengths len(s) - 1; one optimizer step per batch, after zeroing the gradients, on the masked
    mean cross-entropy of the targets s[1:], with the gradient norm clipped at 1, so that the
    parameters end where the reference procedure puts them (float64, SGD); and the returned
    tokens/s of each epoch count the real tokens only (the check's model sleeps a known time per
    batch, which bounds the epoch's time from below; the run's wall time bounds it from above).
    """
    seqs, plan, net, ref, variants = _controlled_problem(device)
    record = []

    states = []

    def make_batches(lengths, batch_size, generator):
        record.append(([int(n) for n in lengths], batch_size, generator))
        if isinstance(generator, torch.Generator):
            # a real make_batches draws its order from the generator: so does this one (it
            # returns the planned batches all the same), so one generator moves on each epoch
            states.append(generator.get_state().clone())
            torch.randperm(8, generator=generator)
        epoch = plan[min(len(record), len(plan)) - 1]
        return [list(b) for b in epoch]

    from ..quick import cap_epochs

    epochs = cap_epochs(NUM_EPOCHS)
    optimizer = torch.optim.SGD(net.parameters(), lr=LR)
    lines = [s.clone() for s in seqs]
    start = time.perf_counter()
    speeds = call(train_lines, net, lines, BATCH_SIZE, NUM_EPOCHS, optimizer, make_batches)
    wall = time.perf_counter() - start
    net.spying = False
    _check_batches_used(net.calls, seqs, plan, record, epochs)
    repeats = [(i, j) for j in range(len(states)) for i in range(j) if torch.equal(states[i], states[j])]
    if repeats:
        i, j = repeats[0]
        fail(
            "the generator handed to make_batches in each epoch",
            "one whose state has moved on since the epoch before (the text: two epochs differ)",
            f"the same state in epochs {i + 1} and {j + 1}: they draw the same order of batches",
            "create the generator once, before the loop over epochs, and hand the same one to every call",
        )
    diff = _max_param_diff(net, ref)
    if not diff <= PARAM_TOL:
        cause = next(
            (c for other, c in variants if _max_param_diff(net, other) <= PARAM_TOL),
            "per batch: zero_grad, the masked mean cross-entropy of the targets s[1:], "
            "backward, clip the gradient norm at 1, step (once)",
        )
        fail(
            f"the parameters after train_lines ran {sum(map(len, plan))} steps of SGD on the check's problem",
            f"those of the reference procedure (max abs difference <= {PARAM_TOL:g})",
            f"max abs difference {diff:.3g}",
            cause,
        )
    _check_speeds(speeds, plan, seqs, wall, epochs)
    passed(
        "train_lines: batches from make_batches once per epoch, inputs s[:-1] and targets s[1:] "
        "with the masked loss, gradients zeroed and clipped at 1 (parameters equal the "
        "reference's on a controlled problem), tokens/s counting real tokens only"
    )


# --- the trained model on held-out lines ----------------------------------------------------------


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
            f"with context at least {1 - CONTEXT_MARGIN:.1%} lower",
            f"{ppl:.2f} with context, {ppl_reset:.2f} without",
            "the recurrent state does not carry information along the line",
        )
    passed(
        f"{what}: beats the unigram baseline and itself without context on held-out lines of "
        "The War of the Worlds drawn now (masked perplexity)"
    )
