"""Checks of exercise set 7 (LSTM): the forget-gate bias, an LSTM with a coupled input and
forget gate written from scratch, and trained LSTM language models judged on held-out text.
House conventions in ``rnnlab.checks.core``; the held-out judge in ``heldout``."""

import itertools

import torch
from torch import nn

from .core import call, close, describe, fail, first_cause, passed, recurrence_spy
from .procedure import initial_weights, require_procedure
from .initial import require_uniform_init
from .grads import compare_gradients
from .heldout import (
    call_generator,
    check_held_out,
    judge_lm,
    reject_torch_layers,
    require_model,
    require_state_carries,
)
from .trained import require_distinct, require_lm, require_not_trained_on, require_trained_head

_BLOCKS = "ifgo"


def _bias_names(lstm):
    sfx = [""] + (["_reverse"] if lstm.bidirectional else [])
    return [(f"bias_ih_l{k}{s}", f"bias_hh_l{k}{s}") for k in range(lstm.num_layers) for s in sfx]


# frr forget_bias_07: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_forget_bias(set_forget_bias):
    """``set_forget_bias(lstm, value)`` changes ``lstm`` in place so that the forget gate's two
    biases add up to ``value`` in every layer and direction, and changes nothing else.

    Properties every correct solution has, on random nn.LSTMs (one to three layers, a
    bidirectional one always among them): the parameters are the same objects afterwards (in
    place: an optimizer built before still trains them); bias_ih[H:2H] + bias_hh[H:2H] equals the
    value in every layer and direction; every weight and every other gate's bias rows keep their
    values."""
    gen = call_generator()
    for trial in range(3):
        I, H, L = (int(v) for v in torch.randint(2, 7, (3,), generator=gen))
        L, bidir = 1 + L % 3, trial == 2
        value = round(float(torch.empty(()).uniform_(0.5, 3.0, generator=gen)), 2)
        with torch.random.fork_rng():  # the learner's random stream is left as it was
            lstm = nn.LSTM(I, H, num_layers=L, bidirectional=bidir)
        before = {k: v.detach().clone() for k, v in lstm.named_parameters()}
        objects = dict(lstm.named_parameters())
        what = (
            f"set_forget_bias(nn.LSTM({I}, {H}, num_layers={L}"
            f"{', bidirectional=True' if bidir else ''}), {value})"
        )
        set_forget_bias(lstm, value)
        after = dict(lstm.named_parameters())
        replaced = sorted(k for k, p in objects.items() if after.get(k) is not p)
        if replaced:
            fail(
                f"{what}: the parameter objects of the LSTM",
                "the same nn.Parameter objects, changed in place",
                f"new objects for {replaced}",
                "assigning new tensors or nn.Parameters replaces the ones an optimizer or a model "
                "already holds: write into the existing ones, under torch.no_grad(), with slice "
                "assignment or .fill_() / .copy_()",
            )
        for name, old in before.items():
            if name.startswith("weight") and not torch.equal(after[name], old):
                fail(f"{what}: {name}", "unchanged", "changed", "set only the forget gate's biases")
        for ih, hh in _bias_names(lstm):
            blocks = {g: slice(j * H, (j + 1) * H) for j, g in enumerate(_BLOCKS)}
            total = after[ih].detach() + after[hh].detach()
            if torch.allclose(total[blocks["f"]], torch.full((H,), value), atol=1e-6):
                for g, rows in blocks.items():
                    for name in (ih, hh):
                        if g != "f" and not torch.equal(after[name][rows], before[name][rows]):
                            fail(
                                f"{what}: the {g} rows of {name}",
                                "unchanged",
                                "changed",
                                "only the forget gate's rows, H:2H, change",
                            )
                continue
            old_total = before[ih] + before[hh]
            hit = [
                g
                for g, rows in blocks.items()
                if g != "f" and torch.allclose(total[rows], torch.full((H,), value), atol=1e-6)
            ]
            if hit:
                cause = (
                    f"those are the rows of gate {hit[0]}: torch orders the gates i, f, g, o, "
                    "so the forget gate is rows H:2H"
                )
            elif torch.allclose(total[blocks["f"]], torch.full((H,), 2 * value), atol=1e-6):
                cause = (
                    "both biases were set to the value: the gate adds them, so set one to "
                    "the value and the other to 0"
                )
            elif torch.equal(total, old_total) and ih != "bias_ih_l0":
                cause = (
                    "this layer or direction was left out: loop over every layer and "
                    "direction (bias_ih_l{k}, bias_hh_l{k}, with _reverse)"
                )
            else:
                cause = "bias_ih[H:2H] + bias_hh[H:2H] must equal the value"
            fail(
                f"{what}: {ih}[H:2H] + {hh}[H:2H]",
                f"{value} in every entry",
                f"entries from {float(total[blocks['f']].min()):.3g} to "
                f"{float(total[blocks['f']].max()):.3g}",
                cause,
            )
    passed(
        "set_forget_bias: the forget gate's two biases add up to the value in every layer and "
        "direction of 3 random nn.LSTMs (bidirectional included); nothing else changed"
    )


# --- an LSTM with a coupled input and forget gate ----------------------------------------


def _coupled(params, X, H, C, order="fgo", couple=True, squash=True):
    """The reference: i = 1 - f; blocks in ``order`` (the right one is f, g, o)."""
    W_ih, W_hh, b_ih, b_hh = (params[k] for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"))
    n = H.shape[-1]
    outs = []
    for x in X:
        a = x @ W_ih.T + b_ih + H @ W_hh.T + b_hh
        part = dict(zip(order, a.split(n, dim=-1)))
        f, g, o = torch.sigmoid(part["f"]), torch.tanh(part["g"]), torch.sigmoid(part["o"])
        C = f * C + ((1 - f) if couple else f) * g
        H = o * (torch.tanh(C) if squash else C)
        outs.append(H)
    return torch.stack(outs), H, C


def _coupled_reference(inputs, state, params):
    """``_coupled`` as a function of (inputs, (H0, C0), parameters), with nn.LSTM's state layout."""
    out, H, C = _coupled(params, inputs, state[0][0], state[1][0])
    return out, (H.unsqueeze(0), C.unsqueeze(0))


_GRAD_CAUSE = (
    "the outputs and (H, C) are right but their gradients are not: the graph is cut or altered "
    "(a .detach(), .data, torch.no_grad(), or values copied into a new tensor) between the steps, "
    "so the loss on later steps does not reach the earlier ones, the initial state and the weights"
)


COUPLED_TOL = 1e-6  # float32 learner against the float64 computation on the same values


# frr coupled_lstm_07: 0 of 1,000 runs rejected (fresh inputs, 2026-12-07): rate < 2.99e-03 (95 %)
def check_coupled_lstm(layer_cls):
    """``layer_cls(input_size, hidden_size)``: an LSTM whose input gate is 1 - forget gate,
    written from scratch, parameters laid out like nn.LSTM's with three blocks [f, g, o], state
    a tuple (H, C) of shape (1, batch_size, hidden_size). Compared with an independent float64
    computation on random sizes, weights, inputs and initial states.

    Properties every correct solution has: exactly the four parameters of that layout; on random
    weights, inputs and initial (H0, C0) (one step and batch size 1 always among the shapes) its
    outputs and final (H, C) equal the float64 computation, and so do the gradients of a loss on
    every step's output and on the returned (H, C) with respect to the inputs, H0, C0 and every
    parameter; no torch recurrent module or fused kernel runs inside; a freshly built layer's
    parameters are uniform in +-1/sqrt(hidden_size) (the initialisation the text asks for)."""
    gen = call_generator()
    name, worst_grad = getattr(layer_cls, "__name__", "the layer"), 0.0
    for trial in range(3):
        worst_grad = max(worst_grad, _compare_coupled(layer_cls, name, trial, gen))
    require_uniform_init(layer_cls, name)
    passed(
        f"{name}: the coupled LSTM (i = 1 - f, blocks [f, g, o]) matches an independent "
        "float64 computation, outputs, final (H, C) and the gradients through time of a loss on "
        "every step and on (H, C) (inputs, initial state, every weight), for 3 random sizes, "
        "weights, inputs and initial states (one step and batch size 1 included); no torch "
        f"recurrent layer or kernel inside; initialised uniform in +-1/sqrt(h); largest relative "
        f"gradient difference {worst_grad:.1e}"
    )


def _compare_coupled(layer_cls, name, trial, gen):
    """One random size (the first has one step): outputs, final (H, C) and gradients against the
    float64 computation; returns the largest relative gradient difference."""
    I, H = (int(v) for v in torch.randint(2, 8, (2,), generator=gen))
    T = 1 if trial == 0 else int(torch.randint(2, 7, (1,), generator=gen))  # one step always
    B = 1 + trial
    layer = layer_cls(I, H)
    what = f"{name}({I}, {H})"
    reject_torch_layers(layer, what)
    params = dict(layer.named_parameters())  # the layer runs in its own dtype (float32)
    _require_coupled_layout(what, params, I, H)
    with torch.no_grad():
        for p in params.values():
            p.copy_(torch.empty(p.shape).uniform_(-1, 1, generator=gen))
    # drawn in float32 (the layer's dtype): the float64 reference reads exactly the same values
    X = torch.randn(T, B, I, generator=gen).double()
    H0, C0 = (torch.randn(1, B, H, generator=gen).double() for _ in range(2))
    with torch.no_grad(), recurrence_spy() as spy:  # the learner's layer first
        got = call(layer, X.float(), (H0.float(), C0.float()), what=f"{what}(inputs, state)")
    spy.reject(what)
    params = {k: v.detach().double() for k, v in params.items()}  # the reference's
    with torch.no_grad():
        want = _coupled(params, X, H0[0], C0[0])
    out, H_n, C_n = _require_lstm_result(what, got, X, (T, B, H))
    if not close(out, want[0], COUPLED_TOL):
        fail(
            f"{what}: outputs for inputs {tuple(X.shape)} and a random (H0, C0)",
            "the coupled LSTM computed independently (float64, 1e-6)",
            f"max abs difference {float((out - want[0]).abs().max()):.3g}",
            _diagnose_coupled(params, X, H0, C0, out),
        )
    h_right = close(H_n[0], want[1], COUPLED_TOL)
    if not (h_right and close(C_n[0], want[2], COUPLED_TOL)):
        fail(
            f"{what}: the returned state (H, C)",
            "H and C after the LAST step",
            "another value" + ("" if h_right else " of H"),
            "return the cell C of the last step too, not the initial one"
            if h_right
            else "return the H of the last step",
        )
    return compare_gradients(
        layer, _coupled_reference, params, X, (H0, C0), what, gen, _GRAD_CAUSE, spy_name=what
    )


def _require_coupled_layout(what, params, I, H):
    """Exactly nn.LSTM's four parameters, with three gate blocks [f, g, o]."""
    shapes = {
        "weight_ih_l0": (3 * H, I),
        "weight_hh_l0": (3 * H, H),
        "bias_ih_l0": (3 * H,),
        "bias_hh_l0": (3 * H,),
    }
    for pname, shape in shapes.items():
        if pname not in params or tuple(params[pname].shape) != shape:
            fail(
                f"{what}.{pname}",
                f"a parameter of shape {shape}",
                describe(params[pname].data) if pname in params else f"parameters {sorted(params)}",
                "three gate blocks [f, g, o] stacked by "
                "rows, named like nn.LSTM's (there is no input-gate block: i = 1 - f)",
            )
    if sorted(params) != sorted(shapes):
        fail(f"{what}: parameters", sorted(shapes), sorted(params), "no other parameters")


def _require_lstm_result(what, got, X, size):
    """``(outputs, (H, C))`` shaped like nn.LSTM's; returns outputs, H, C."""
    T, B, H = size
    if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[1], tuple) and len(got[1]) == 2):
        fail(
            f"{what} on inputs {tuple(X.shape)}",
            "(outputs, (H, C)) like nn.LSTM",
            describe(got),
            "return torch.stack(outputs), (H.unsqueeze(0), C.unsqueeze(0))",
        )
    out, (H_n, C_n) = got
    if not isinstance(out, torch.Tensor) or tuple(out.shape) != (T, B, H):
        fail(
            f"{what}: outputs",
            f"shape {(T, B, H)} (num_steps, batch_size, hidden_size)",
            describe(out),
            "stack the H of every step along dim 0",
        )
    for part, v in (("H", H_n), ("C", C_n)):
        if not isinstance(v, torch.Tensor) or tuple(v.shape) != (1, B, H):
            fail(
                f"{what}: final {part}",
                f"shape {(1, B, H)}",
                describe(v),
                "keep a leading layer dimension: .unsqueeze(0)",
            )
    return out, H_n, C_n


_WRONG_ORDERS = ["".join(o) for o in itertools.permutations("fgo") if o != tuple("fgo")]

# (name of a known mistake, likely cause), tried in order: the first whose outputs, recomputed
# on the same weights and inputs, equal the learner's is named
_COUPLED_CAUSES = [
    ("i = f", "the input gate is 1 - f (coupled), not f"),
    ("no tanh", "h = o * tanh(c): squash the cell before the output gate"),
    ("zero state", "the initial state (H0, C0) passed to forward is ignored"),
    ("zero cell", "the initial cell C0 is ignored (only H0 is used)"),
] + [
    (order, f"the gate blocks are read in the order {order}: the rows are [f, g, o]")
    for order in _WRONG_ORDERS
]
_COUPLED_ADVICE = (
    "f = sigmoid(.), g = tanh(.), o = sigmoid(.); c = f * c + (1 - f) * g; h = o * tanh(c); both biases added"
)


def _diagnose_coupled(params, X, H0, C0, out):
    """The likely mistake behind wrong outputs: the known mistakes, recomputed on the same inputs."""
    with torch.no_grad():
        zero = torch.zeros_like(H0[0])
        mistakes = {
            "i = f": _coupled(params, X, H0[0], C0[0], couple=False)[0],
            "no tanh": _coupled(params, X, H0[0], C0[0], squash=False)[0],
            "zero state": _coupled(params, X, zero, zero)[0],
            "zero cell": _coupled(params, X, H0[0], zero)[0],
        }
        mistakes.update({o: _coupled(params, X, H0[0], C0[0], order=o)[0] for o in _WRONG_ORDERS})
    table = [(lambda e, k=k: close(out, e[k], COUPLED_TOL), cause) for k, cause in _COUPLED_CAUSES]
    return first_cause(table + [(lambda e: True, _COUPLED_ADVICE)], mistakes)


def check_heldout_lm(
    net, vocab, what="the trained model", layer=None, train_iter=None, val_iter=None, num_hiddens=None
):
    """A trained RNNLM-style ``net`` (around an nn.``layer`` when given) beats the unigram
    baseline on held-out windows drawn now, and its state carries earlier characters forward.

    Properties every correct solution has: the recurrent layer is of the kind asked for (and of
    ``num_hiddens`` units when given); the model beats the unigram baseline on held-out windows
    drawn now; changing earlier characters changes its later predictions (not a perplexity gain
    from context: a correct, overfitting model gains as little as 1 % on some seeds); with
    ``train_iter`` and ``val_iter``, the validation text is held out and the model predicts it
    not much better than fresh text of the same book (it was not trained on it); its output
    layer was trained too (its weights have left the range of their initial draw). Of the
    training procedure, seen while it ran (``procedure``; the set's settings clip at norm 1):
    every step's gradient has a global norm of at most 1; with ``val_iter``, its training
    minibatches come from the training text, none from val_iter's; the weights are changed only by the
    optimizer once training has started and are handed over as the last step left them."""
    require_model(net, what)
    if layer is not None and not isinstance(getattr(net, "rnn", None), layer):
        fail(
            f"the recurrent layer of {what}",
            f"nn.{layer.__name__}" if layer.__module__.startswith("torch") else layer.__name__,
            describe(getattr(net, "rnn", None)),
            f"build it as rnnlab.RNNLM({'nn.' if layer.__module__.startswith('torch') else ''}"
            f"{layer.__name__}(...), len(vocab))",
        )
    if num_hiddens is not None:
        require_lm(net, what, layer or nn.Module, num_hiddens, kind_name=getattr(layer, "__name__", None))
    require_trained_head(net, what)
    require_procedure({what: net}, theta=1.0, texts=(train_iter, val_iter) if val_iter is not None else None)
    # the coupled LSTM (Adam, quick runs overfit) gains as little as 1 % from context on some
    # seeds: 2 of 115 reference runs failed a required gain (docs/false-rejections.md), so the
    # state is tested by what it does (require_state_carries), and the gain is only reported
    ppl, reset, _ = judge_lm(net, vocab, what, margin=None)
    require_state_carries(net, vocab, what)
    context = (
        "itself without context (state reset at every character)"
        if ppl < reset
        else f"(earlier characters reach its predictions, though its state did not lower the "
        f"perplexity here: {ppl:.2f} with, {reset:.2f} without)"
    )
    leak = ""
    if val_iter is not None:
        if train_iter is not None:
            check_held_out(val_iter, train_iter)
        require_not_trained_on(net, val_iter, vocab, what, call_generator())
        leak = "; its validation text not trained on"
    passed(
        f"{what}: beats the unigram baseline and {context} on held-out windows of The War of "
        f"the Worlds drawn now{leak}"
    )


def _forget_bias(lstm):
    H = lstm.hidden_size
    return (lstm.bias_ih_l0[H : 2 * H] + lstm.bias_hh_l0[H : 2 * H]).detach().double().cpu()


def _correlation(a, b):
    a, b = a.detach().double().reshape(-1).cpu(), b.detach().double().reshape(-1).cpu()
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / (a.norm() * b.norm() + 1e-12))


# Trained from the same initial weights, the two models' recurrent weights stay strongly correlated
# and the biased model's forget bias stays about 1 above the default one's. Measured after the quick
# run (30 epochs, SGD lr 1), solution and both blind correct cases: correlation 0.994, gap 0.98;
# models built from different initial weights: correlation -0.01, gap 0.00 (both deterministic
# given the trained models: no sampling, so no false rejection from the check's own draws).
# frr forget_bias_pair_07 (3 trainings x 5 runs, quick mode, 2026-12-07, load 4.4-4.8): 0 of 15
# rejected; correlation - 0.5: mean 0.494, sd 0.0002; gap - 0.25: mean 0.725, sd 0.007 (over 100 sd).
SAME_START_CORRELATION = 0.5
FORGET_BIAS_GAP = 0.25


START_TOL = 1e-6  # copies are exact; b_if + b_hf = 1 up to float32 rounding of one sum


def _require_same_start(default_net, biased_net):
    """Before their first steps, the two models differed only in the forget biases, which summed
    to 1 in biased_net (judged when the recorder saw both trained; a copy made later has no record)."""
    start_d, start_b = initial_weights(default_net), initial_weights(biased_net)
    if not start_d or set(start_d) != set(start_b):
        return
    H = biased_net.rnn.hidden_size
    prefix = next((n[: -len("bias_ih_l0")] for n in start_b if n.endswith("rnn.bias_ih_l0")), None)
    for name, before in start_b.items():
        other = start_d[name]
        if before.shape != other.shape:
            return
        diff = (before.double() - other.double()).abs()
        if prefix is not None and name in (prefix + "bias_ih_l0", prefix + "bias_hh_l0"):
            diff[H : 2 * H] = 0  # the forget rows: judged by their sum below
        if float(diff.max()) > START_TOL:
            fail(
                f"{name} of biased_net and of default_net before their first training steps",
                "equal: both start from the same initial weights, only the forget-gate bias differs",
                f"a difference of up to {float(diff.max()):.3g}",
                "seed with the same seed before building each model (or copy.deepcopy the first), "
                "then call set_forget_bias(biased_net.rnn, 1.0) and nothing else before training",
            )
    if prefix is None:
        return
    bias = (start_b[prefix + "bias_ih_l0"][H : 2 * H] + start_b[prefix + "bias_hh_l0"][H : 2 * H]).double()
    off = float((bias - 1).abs().max())
    if off > START_TOL:
        fail(
            "the forget-gate bias b_if + b_hf of biased_net before its first training step",
            "1 in every row (the exercise sets it to 1)",
            f"rows between {float(bias.min()):.3g} and {float(bias.max()):.3g}",
            "set_forget_bias(biased_net.rnn, 1.0) before training, with value 1 (not sigmoid(1), not "
            "added to the drawn bias)",
        )


def check_forget_bias_pair(default_net, biased_net, vocab, train_iter=None, val_iter=None, num_hiddens=128):
    """Exercise 2 of set 7: two LSTM language models trained side by side from the same initial
    weights, ``biased_net`` with its forget-gate bias set to 1 before training.

    Properties every correct solution has: both wrap a one-layer nn.LSTM of ``num_hiddens``
    units; they are separate models sharing no parameter; their recurrent weights are still
    strongly correlated after training (same start) and the biased model's mean forget bias is
    still clearly above the default one's; both beat the unigram baseline and themselves without
    context on held-out windows drawn now, their output layers trained too; with ``val_iter``,
    neither predicts its validation text much better than fresh text of the book. Of the
    training procedure, seen while it ran (``procedure``): before its first step, biased_net
    carried default_net's initial weights exactly, except the forget gate's biases, whose sum
    b_if + b_hf was 1 in every row; each model has an optimizer of its own, SGD at learning rate
    1, and is trained on minibatches of the training text only; every step's gradient
    has a global norm of at most 1 (the set clips at norm 1); once training started only the
    optimizer changed the weights (the bias starts at 1 and then learns), and the models are
    handed over as the last step left them."""
    nets = {"default_net": default_net, "biased_net": biased_net}
    for label, net in nets.items():
        require_lm(net, label, nn.LSTM, num_hiddens)
    require_distinct(nets)
    texts = (train_iter, val_iter) if val_iter is not None and train_iter is not None else None
    require_procedure(nets, theta=1.0, optimizer=("SGD", 1.0), texts=texts, side_by_side=True)
    _require_same_start(default_net, biased_net)
    corr = _correlation(default_net.rnn.weight_hh_l0, biased_net.rnn.weight_hh_l0)
    if not corr >= SAME_START_CORRELATION:
        fail(
            "the recurrent weights of default_net and biased_net after training (correlation)",
            f"strongly correlated (at least {SAME_START_CORRELATION}): both start from the same weights",
            f"{corr:.2f}",
            "the two models did not start from the same initial weights: seed with the same seed "
            "before building each (or copy.deepcopy the first), then set the forget bias of the "
            "second model's own layer",
        )
    gap = float(_forget_bias(biased_net.rnn).mean() - _forget_bias(default_net.rnn).mean())
    if not gap >= FORGET_BIAS_GAP:
        fail(
            "the mean forget-gate bias (b_if + b_hf) of biased_net minus that of default_net, after training",
            f"clearly positive (at least {FORGET_BIAS_GAP}): it started 1 higher",
            f"{gap:.2f}",
            "the forget bias was not set on the layer that biased_net trains: call "
            "set_forget_bias(biased_net.rnn, 1.0) before training",
        )
    if val_iter is not None and train_iter is not None:
        check_held_out(val_iter, train_iter)
    gen = call_generator()
    for label, net in nets.items():
        require_trained_head(net, label)
        judge_lm(net, vocab, label)
        if val_iter is not None:
            require_not_trained_on(net, val_iter, vocab, label, gen)
    passed(
        f"default_net and biased_net: separate one-layer nn.LSTMs of {num_hiddens} units from the "
        f"same start (weight correlation {corr:.2f}, forget bias still {gap:.2f} apart); both beat "
        "the unigram baseline and themselves without context on held-out windows drawn now"
        + ("; validation text not trained on" if val_iter is not None else "")
    )
