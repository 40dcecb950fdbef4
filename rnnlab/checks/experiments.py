"""Checks for the experiment exercises: sequence models, language models, GRU variants.

Each check takes the learner's function, class or result, compares it with an independent
computation, prints one ``PASSED`` line, or raises ``CheckFailed`` saying what was expected,
what came and the likely mistake (see ``rnnlab.checks``).
"""
import math
import random

import torch
from torch import nn

from .core import CheckFailed, describe, fail, passed
from ..train import evaluate_perplexity

__all__ = ["CheckFailed", "check_windows", "check_k_step", "check_beats_naive",
           "check_train_val_split", "check_cross_perplexity", "check_word_vocab_sizes",
           "check_param_count", "check_gru_variant", "check_below_unigram", "unigram_perplexity"]


def _close(a, b, atol=1e-5):
    return a.shape == b.shape and bool(torch.allclose(a.double(), b.double(), atol=atol, rtol=0))


# --- sequence models: windows, k-step-ahead prediction, a baseline ------------------------

def check_windows(make_windows):
    """``make_windows(x, tau)`` -> features (T - tau, tau) and labels (T - tau, 1), where
    ``features[i] = x[i:i + tau]`` and ``labels[i] = x[i + tau]``."""
    for x, tau in [(torch.arange(10.0), 3), (torch.randn(50), 4), (torch.randn(7), 1)]:
        T = len(x)
        want_f, want_l = x.unfold(0, tau, 1)[:-1], x[tau:].reshape(-1, 1)
        got = make_windows(x.clone(), tau)
        if not (isinstance(got, tuple) and len(got) == 2):
            fail(f"make_windows(x of length {T}, tau={tau})", "a tuple (features, labels)",
                 describe(got), "return both tensors: `return features, labels`")
        f, l = (torch.as_tensor(v) for v in got)
        if f.shape != want_f.shape:
            cause = ("features transposed: row i must be one window" if f.shape == want_f.T.shape else
                     "the last window has no label after it: there are T - tau windows"
                     if f.shape[0] == T - tau + 1 else "one row per window, tau columns")
            fail(f"features shape for T={T}, tau={tau}", tuple(want_f.shape), tuple(f.shape), cause)
        if l.shape != want_l.shape:
            cause = ("labels must be a column: `labels.reshape(-1, 1)`" if l.numel() == want_l.numel()
                     else "one label per window, the value right after it")
            fail(f"labels shape for T={T}, tau={tau}", tuple(want_l.shape), tuple(l.shape), cause)
        if not _close(f, want_f):
            fail(f"features for x = {x[:6].tolist()}..., tau={tau}", f"first rows {want_f[:2].tolist()}",
                 f"{f[:2].tolist()}", "features[i, j] must be x[i + j]: column j is x[j : T - tau + j]")
        if not _close(l, want_l):
            shifted = T - tau + 1 <= len(x) and _close(l, x[tau - 1:T - 1].reshape(-1, 1))
            fail(f"labels for x = {x[:6].tolist()}..., tau={tau}", f"first {want_l[:3].flatten().tolist()}",
                 f"{l[:3].flatten().tolist()}",
                 "off by one: the label is x[i + tau], the value right AFTER the window"
                 if shifted else "labels[i] must be x[i + tau]")
    passed("make_windows: features[i] = x[i:i+tau] of shape (T - tau, tau) and labels[i] = x[i+tau] "
           "of shape (T - tau, 1), for tau = 1, 3, 4")


def _reference_k_step(net, x, tau, k):
    n = len(x) - tau - k + 1
    window = torch.stack([x[i:i + n] for i in range(tau)], dim=1)  # (n, tau) observed
    preds = []
    for _ in range(k):
        y = net(window).reshape(n)
        preds.append(y)
        window = torch.cat([window[:, 1:], y.reshape(n, 1)], dim=1)
    return torch.stack(preds, dim=1)  # (n, k)


def check_k_step(k_step_predictions):
    """``k_step_predictions(net, x, tau, k)`` -> (T - tau - k + 1, k); entry [i, j] predicts
    x[i + tau + j] from the observations x[i:i + tau] alone, feeding predictions back."""
    torch.manual_seed(0)
    nets = [nn.Linear(4, 1), nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))]
    for net, tau, k, T in [(nets[0], 4, 5, 40), (nets[1], 3, 1, 20), (nets[1], 3, 8, 30)]:
        x = torch.randn(T)
        with torch.no_grad():
            want = _reference_k_step(net, x, tau, k)
            got = torch.as_tensor(k_step_predictions(net, x.clone(), tau, k)).detach()
        what = f"k_step_predictions(net, x of length {T}, tau={tau}, k={k})"
        if got.shape != want.shape:
            fail(what + " shape", tuple(want.shape), tuple(got.shape),
                 "one row per start time i (T - tau - k + 1 of them), one column per step ahead"
                 if got.numel() != want.numel() else "rows are start times, columns steps ahead")
        if not _close(got, want):
            with torch.no_grad():  # the usual mistake: one-step predictions from observed values
                one_step = torch.stack([net(torch.stack([x[i + j:i + j + tau] for i in range(len(want))]))
                                        .reshape(-1) for j in range(k)], dim=1)
            cause = ("column j uses the OBSERVED x as input: k-step prediction must feed back the "
                     "model's own predictions" if k > 1 and _close(got, one_step)
                     else "entry [i, j] predicts x[i + tau + j] from x[i:i + tau]; then slide the "
                          "window, appending the prediction")
            fail(what + " values", f"first row {want[0].tolist()}", f"{got[0].tolist()}", cause)
    passed("k_step_predictions: k-step-ahead predictions that feed back the model's own outputs, "
           "against a reference recursion (linear and MLP models, k = 1, 5, 8)")


def check_beats_naive(net, features, labels, n_train):
    """The trained ``net``'s one-step MSE on the test windows (index >= n_train) is below the
    "repeat the last observation" baseline."""
    X, y = features[n_train:], labels[n_train:].reshape(-1)
    with torch.no_grad():
        pred = net(X)
    if pred.numel() != y.numel():
        fail("net(features) on the test windows", f"{y.numel()} predictions, one per window",
             describe(pred), "the model must map (batch, tau) windows to (batch, 1)")
    mse = float(((pred.reshape(-1) - y) ** 2).mean())
    naive = float(((X[:, -1] - y) ** 2).mean())
    if not mse < naive:
        fail("one-step test MSE of the trained model", f"below the repeat-last-value baseline {naive:.4f}",
             f"{mse:.4f}", "not trained enough or learning rate off: compare the training loss with "
             "the baseline; is the model in train mode with dropout, or fed windows in the wrong order?")
    passed(f"one-step test MSE {mse:.4f} is below the repeat-last-value baseline {naive:.4f}")


# --- language models: data splits, cross-perplexity, word vocabularies --------------------

def check_train_val_split(train_val_split):
    """``train_val_split(corpus, val_fraction)`` -> (train, val): val is the LAST
    ``int(len(corpus) * val_fraction)`` tokens, train everything before, both in order."""
    for n, frac in [(1000, 0.1), (37, 0.25), (10, 0.5)]:
        corpus = list(range(100, 100 + n))
        got = train_val_split(list(corpus), frac)
        what = f"train_val_split(corpus of {n} tokens, val_fraction={frac})"
        if not (isinstance(got, tuple) and len(got) == 2):
            fail(what, "a tuple (train, val)", describe(got), "return both parts: `return train, val`")
        train, val = (list(v.tolist() if hasattr(v, "tolist") else v) for v in got)
        n_val = int(n * frac)
        if len(train) + len(val) != n:
            fail(what + ": sizes", f"len(train) + len(val) = {n}", f"{len(train)} + {len(val)}",
                 "every token goes to exactly one part: no overlap, nothing dropped")
        overlap = set(train) & set(val)
        if overlap:
            fail(what + ": overlap", "no token position in both parts",
                 f"{len(overlap)} shared, e.g. position {min(overlap) - 100}", "the slices overlap by one")
        if len(val) != n_val:
            fail(what + ": validation size", f"{n_val} tokens (int(len(corpus) * val_fraction))",
                 f"{len(val)}", "val_fraction is the VALIDATION share" if len(train) == n_val else None)
        if train + val != corpus:
            fail(what + ": order", f"train = corpus[:{n - n_val}], val = corpus[{n - n_val}:]",
                 f"train starts {train[:3]}, val starts {val[:3]}",
                 "validation must be the END of the corpus (held out in time), not the start"
                 if val == corpus[:n_val] else
                 "split by position, keep the order: shuffled or interleaved tokens leak context "
                 "from validation into training")
    passed("train_val_split: validation is the last int(n * val_fraction) tokens, training the rest, "
           "in order and without overlap")


def _perplexity_range(net, data_iter, repeats=4):
    """(min, max) of evaluate_perplexity over a few random offsets; Python's RNG is left as it was."""
    state = random.getstate()
    try:
        values = []
        for k in range(repeats):
            random.seed(k)
            values.append(evaluate_perplexity(net, data_iter))
    finally:
        random.setstate(state)
    return min(values), max(values)


def check_cross_perplexity(table, nets, val_iters, rtol=0.05):
    """``table[i][j]`` is the perplexity of ``nets[i]`` on ``val_iters[j]``: recomputed here."""
    got = torch.as_tensor(table, dtype=torch.float64)
    shape = (len(nets), len(val_iters))
    if got.shape != shape:
        fail("cross-perplexity table shape", f"{shape}: one row per model, one column per corpus",
             describe(got), "transposed?" if got.shape == shape[::-1] else None)
    if not torch.isfinite(got).all() or (got < 1).any():
        fail("cross-perplexity values", "finite numbers >= 1 (exp of a mean cross-entropy)",
             got.tolist(), "perplexity is exp(loss), not the loss itself" if (got < 1).any() else None)
    for i, net in enumerate(nets):
        for j, it in enumerate(val_iters):
            lo, hi = _perplexity_range(net, it)  # sequential iterators start at a random offset
            ok = lambda v: lo * (1 - rtol) <= v <= hi * (1 + rtol)
            if not ok(got[i, j]):
                cause = ("rows and columns swapped" if got.shape[0] == got.shape[1] and ok(got[j, i]) else
                         "use rnnlab.evaluate_perplexity(nets[i], val_iters[j]) in eval mode, on the "
                         "validation data, not the training perplexity")
                fail(f"table[{i}][{j}]", f"{lo:.3f} to {hi:.3f} (within {rtol:.0%}; the offset is random)", f"{float(got[i, j]):.3f}", cause)
    for i in range(min(shape)):
        uniform = nets[i].vocab_size
        if not got[i, i] < uniform:
            fail(f"table[{i}][{i}] (a model on its own corpus)", f"below {uniform}, uniform guessing",
                 f"{float(got[i, i]):.2f}", "the model did not learn: check the learning rate and epochs")
    passed(f"cross-perplexity table {shape[0]}x{shape[1]}: every entry agrees with evaluate_perplexity "
           f"(within {rtol:.0%}) and each model beats uniform guessing on its own corpus")


def check_word_vocab_sizes(word_vocab_sizes, lines):
    """``word_vocab_sizes(lines, min_freqs)`` -> {min_freq: size of Vocab(words, min_freq)}."""
    toy = ["the cat sat", "the cat ran", "a dog sat down", "the end"]
    for text, min_freqs in [(toy, [0, 1, 2, 3, 4]), (lines, [1, 2, 3, 5, 10])]:
        counts = {}
        for line in text:
            for w in line.split():
                counts[w] = counts.get(w, 0) + 1
        want = {m: 1 + sum(c >= m for c in counts.values()) for m in min_freqs}
        got = word_vocab_sizes(list(text), list(min_freqs))
        what = f"word_vocab_sizes({'the toy lines' if text is toy else 'the book'}, {min_freqs})"
        if not isinstance(got, dict) or sorted(got) != sorted(want):
            fail(what, f"a dict with keys {min_freqs}", describe(got), "one entry per min_freq")
        for m in min_freqs:
            if got[m] != want[m]:
                n_chars = len({ch for line in text for ch in line}) + 1
                cause = ("'<unk>' is in every vocabulary: add 1" if got[m] == want[m] - 1 else
                         "counted characters, not words" if got[m] == n_chars else
                         "a word is kept when its count is >= min_freq (not >)"
                         if got[m] == 1 + sum(c > m for c in counts.values()) else
                         "count words per line with line.split(), then Vocab(tokens, min_freq=m)")
                fail(f"{what}[{m}]", want[m], got[m], cause)
    passed("word_vocab_sizes: vocabulary sizes for each min_freq agree with an independent word count "
           "(a toy text and the book)")


# --- recurrent layers: parameter counts, GRU variants, trained models ---------------------

def check_param_count(rnn_param_count):
    """``rnn_param_count(kind, num_inputs, num_hiddens)`` for kind 'rnn', 'gru', 'lstm' equals
    the number of parameters of the torch.nn layer."""
    layers = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}
    for kind, layer in layers.items():
        for num_inputs, num_hiddens in [(28, 256), (5, 3), (1, 1)]:
            want = sum(p.numel() for p in layer(num_inputs, num_hiddens).parameters())
            got = rnn_param_count(kind, num_inputs, num_hiddens)
            if got != want:
                gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
                h, i = num_hiddens, num_inputs
                cause = ("torch.nn has two bias vectors per gate block (bias_ih and bias_hh)"
                         if got == want - gates * h else
                         f"{kind} has {gates} gate block(s), each with W_ih, W_hh, b_ih, b_hh"
                         if (h * (i + h) + 2 * h) and got % (h * (i + h) + 2 * h) == 0 else
                         "W_ih is (gates*num_hiddens, num_inputs), W_hh is (gates*num_hiddens, num_hiddens)")
                fail(f"rnn_param_count({kind!r}, {num_inputs}, {num_hiddens})",
                     f"{want} (sum of p.numel() over nn.{layer.__name__}'s parameters)", got, cause)
    passed("rnn_param_count: matches sum(p.numel()) of nn.RNN, nn.GRU and nn.LSTM for 3 sizes each")


_VARIANTS = {  # gate kept by the variant, the nn.GRU row block it takes, the block forced and to what
    "reset_only": dict(kept=0, forced=1, force_to=-1e4, missing="update gate z = 0: h_t = candidate"),
    "update_only": dict(kept=1, forced=0, force_to=1e4, missing="reset gate r = 1"),
}


def _gru_twin(params, variant, num_inputs, num_hiddens):
    """An nn.GRU that computes the variant: copy its two blocks, force the third gate."""
    v, H = _VARIANTS[variant], num_hiddens
    gru = nn.GRU(num_inputs, num_hiddens).double()
    with torch.no_grad():
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            full = getattr(gru, name)
            full.zero_()
            full[v["kept"] * H:(v["kept"] + 1) * H] = params[name][:H]
            full[2 * H:] = params[name][H:]
        gru.bias_ih_l0[v["forced"] * H:(v["forced"] + 1) * H] = v["force_to"]  # sigmoid -> 0 or 1
    return gru


def _variant_by_hand(params, variant, X, H, d2l_reset=False, swap_update=False):
    """The variant written out, with the two classic mistakes as options (for diagnosis)."""
    W_ih, W_hh, b_ih, b_hh = (params[k] for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"))
    n_h = W_hh.shape[1]
    outputs = []
    for x in X:
        gi, gh = x @ W_ih.T + b_ih, H @ W_hh.T + b_hh
        g = torch.sigmoid(gi[:, :n_h] + gh[:, :n_h])
        if variant == "reset_only":
            if d2l_reset:
                hn = (g * H) @ W_hh[n_h:].T + b_hh[n_h:]
            else:
                hn = g * gh[:, n_h:]
            H = torch.tanh(gi[:, n_h:] + hn)
        else:
            n = torch.tanh(gi[:, n_h:] + gh[:, n_h:])
            H = g * n + (1 - g) * H if swap_update else (1 - g) * n + g * H
        outputs.append(H)
    return torch.stack(outputs), H.unsqueeze(0)


def check_gru_variant(layer_cls, variant):
    """``layer_cls(num_inputs, num_hiddens)``: a GRU with only a reset gate (``variant='reset_only'``)
    or only an update gate (``'update_only'``), torch.nn interface, parameters laid out like
    nn.GRU's with two gate blocks: [r, n] or [z, n]. Compared with an nn.GRU whose third gate
    is forced shut (z = 0) or open (r = 1) by a large bias."""
    if variant not in _VARIANTS:
        raise ValueError(f"variant must be one of {sorted(_VARIANTS)}")
    blocks = "[r, n]" if variant == "reset_only" else "[z, n]"
    for num_inputs, num_hiddens, batch_size, num_steps in [(5, 4, 3, 6), (28, 16, 1, 4), (2, 3, 2, 1)]:
        torch.manual_seed(num_inputs)
        layer = layer_cls(num_inputs, num_hiddens).double()
        params = dict(layer.named_parameters())
        shapes = {"weight_ih_l0": (2 * num_hiddens, num_inputs), "weight_hh_l0": (2 * num_hiddens, num_hiddens),
                  "bias_ih_l0": (2 * num_hiddens,), "bias_hh_l0": (2 * num_hiddens,)}
        for name, shape in shapes.items():
            if name not in params or tuple(params[name].shape) != shape:
                fail(f"{layer_cls.__name__}({num_inputs}, {num_hiddens}).{name}", f"a parameter of shape {shape}",
                     describe(params[name].data) if name in params else f"parameters {sorted(params)}",
                     f"lay the parameters out like nn.GRU's with two gate blocks {blocks} stacked by rows")
        extra = sorted(set(params) - set(shapes))
        if extra:
            fail(f"{layer_cls.__name__} parameters", sorted(shapes), sorted(params),
                 f"{variant} has two blocks only; remove {extra}")
        with torch.no_grad():
            for p in params.values():  # weights large enough that the gates matter
                p.uniform_(-1, 1)
        X = torch.randn(num_steps, batch_size, num_inputs, dtype=torch.float64)
        H0 = torch.randn(1, batch_size, num_hiddens, dtype=torch.float64)
        with torch.no_grad():
            want_out, want_state = _gru_twin(params, variant, num_inputs, num_hiddens)(X, H0)
            got = layer(X, H0)
        what = f"{layer_cls.__name__}({num_inputs}, {num_hiddens}) on inputs {tuple(X.shape)}"
        if not (isinstance(got, tuple) and len(got) == 2):
            fail(what, "a tuple (outputs, state)", describe(got), "return outputs, state like nn.GRU")
        out, state = got
        if tuple(out.shape) != tuple(want_out.shape):
            fail(what + ": outputs", f"shape {tuple(want_out.shape)} (num_steps, batch_size, num_hiddens)",
                 describe(out), "stack the H of every step along dim 0")
        if tuple(state.shape) != tuple(want_state.shape):
            fail(what + ": state", f"shape {tuple(want_state.shape)} (1, batch_size, num_hiddens)",
                 describe(state), "return the last H with a leading layer dimension: H.unsqueeze(0)")
        if not _close(out, want_out):
            with torch.no_grad():
                d2l = _variant_by_hand(params, variant, X, H0[0], d2l_reset=True)[0]
                swapped = _variant_by_hand(params, variant, X, H0[0], swap_update=True)[0]
            cause = ("r multiplies H before the matmul (d2l's form); torch.nn's GRU computes "
                     "n = tanh(W_in x + b_in + r * (W_hn H + b_hn))" if variant == "reset_only" and _close(out, d2l)
                     else "z and 1 - z swapped: H_t = (1 - z) * n + z * H_{t-1}" if variant == "update_only"
                     and _close(out, swapped) else
                     f"a GRU with {_VARIANTS[variant]['missing']}; gate blocks in the order {blocks}, "
                     "sigmoid for the gate, tanh for the candidate, the initial state used")
            fail(what + ": outputs", "equal (1e-5) to nn.GRU with the other gate forced "
                 f"({_VARIANTS[variant]['missing']})", f"max abs difference {float((out - want_out).abs().max()):.3g}",
                 cause)
        if not _close(state, want_state):
            fail(what + ": state", "the last step's H", f"max abs difference "
                 f"{float((state - want_state).abs().max()):.3g}", "return the H of the LAST step")
    passed(f"{layer_cls.__name__} ({variant}): outputs and state equal nn.GRU with the other gate forced "
           f"({_VARIANTS[variant]['missing']}) for 3 shapes, batch size 1 included")


def unigram_perplexity(corpus):
    """Perplexity of predicting every token by its frequency in ``corpus`` (no context)."""
    counts = torch.bincount(torch.as_tensor(corpus)).double()
    p = counts[counts > 0] / counts.sum()
    return math.exp(float(-(p * p.log()).sum()))


def check_below_unigram(perplexity, corpus, what="trained model"):
    """A trained model's perplexity is below the unigram baseline of ``corpus``."""
    baseline = unigram_perplexity(corpus)
    if not (isinstance(perplexity, (int, float)) and math.isfinite(perplexity)):
        fail(f"perplexity of the {what}", "a finite number", describe(perplexity),
             "pass the History's .perplexity (or evaluate_perplexity's result)")
    if not perplexity < baseline:
        fail(f"perplexity of the {what}", f"below the unigram baseline {baseline:.2f} (letter frequencies alone)",
             f"{perplexity:.2f}", "the model has not learned to use context: learning rate, epochs, or a "
             "bug in the layer (does the state carry from step to step?)")
    passed(f"the {what} reaches perplexity {perplexity:.2f}, below the unigram baseline {baseline:.2f}")
