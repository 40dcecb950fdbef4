"""Checks of exercise set 8 (deep recurrent networks): a two-layer RNN from scratch against
nn.RNN(num_layers=2), a depth study with dropout judged on held-out text, and the swap of an
LSTM for a GRU. House conventions in ``rnnlab.checks.core``; the held-out judge in ``heldout``."""

import weakref

import torch
from torch import nn

from .core import call, describe, fail, max_abs_diff, passed, recurrence_spy, reject_torch_recurrence
from .grads import compare_gradients
from .initial import require_uniform_init
from .procedure import require_procedure
from .heldout import (
    call_generator,
    check_held_out,
    judge_lm,
    judge_sweep,
    require_model,
)
from .scratch import run_scratch

# frr two_layer_rnn_08 (fresh weights and inputs, 1,000 runs, 2026-12-07): 0 rejected; slack
# log10(TOL / max diff) mean 1.59 decades, sd 0.22, min 0.79: 7.3 sd, est. 2e-13.
TOL = 1e-5
# The weights of exercise 2's models as its check judged them (a weak reference to each model and
# a copy of its parameters): exercise 3 takes models[2] as gru_net without training it further.
_JUDGED_DEPTH = {}
_NAMES = [f"{p}_l{k}" for k in (0, 1) for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]


GRAD_CAUSE = (
    "the forward values are right but the gradients are not: the graph is cut or altered (a "
    ".detach(), .data, torch.no_grad(), or values copied into a new tensor) between the steps or "
    "between the layers, so the loss does not reach layer 0, the earlier steps or the initial "
    "state as it should"
)


def _reference(twin):
    """nn.RNN(num_layers=2) in float64, as a function of (inputs, state, parameters)."""
    import copy

    from torch.func import functional_call

    twin64 = copy.deepcopy(twin).double()
    return lambda inputs, state, params: functional_call(twin64, params, (inputs, state))


def _diagnose(layer, twin, X, H0, out, state, want_out, want_state):
    """The likely mistake, from a few experiments with the twin."""
    if max_abs_diff(out, want_out) <= TOL:
        if max_abs_diff(state[0], want_state[1]) <= TOL and max_abs_diff(state[1], want_state[0]) <= TOL:
            return "the layers' final states are stacked in the wrong order: layer 0 first"
        return (
            "the outputs are right, the state is not: return the final H of EVERY layer, "
            "stacked: torch.stack([H_layer0, H_layer1])"
        )
    with torch.no_grad():
        same = H0.clone()
        same[1] = H0[0]
        if max_abs_diff(out, twin(X, same)[0]) <= TOL:
            return "both layers start from state[0]: layer l must start from ITS OWN initial state, state[l]"
        one = nn.RNN(twin.input_size, twin.hidden_size)
        one.load_state_dict({k: v for k, v in twin.state_dict().items() if k.endswith("l0")})
        if max_abs_diff(out, one(X, H0[:1])[0]) <= TOL:
            return (
                "the outputs are the FIRST layer's: return the outputs of the top layer, "
                "which takes the first layer's outputs as its inputs"
            )
        swapped = nn.RNN(twin.input_size, twin.hidden_size, num_layers=2)
        swapped.load_state_dict(
            {k: (v.T if k.startswith("weight_hh") else v) for k, v in twin.state_dict().items()}
        )
        if max_abs_diff(out, swapped(X, H0)[0]) <= TOL:
            return "W_hh is used transposed: torch computes H @ weight_hh.T"
        longer = torch.randn(5, *X.shape[1:])  # several steps from a zero state
        zero = torch.zeros_like(H0)
        z_out, _ = run_scratch(layer, longer, zero.clone(), "the layer")
        if max_abs_diff(z_out, twin(longer, zero)[0]) <= TOL:
            return "right from a zero state, wrong from the given one: the initial state is ignored"
    return (
        "layer 0: H = tanh(X_t W_ih0^T + b_ih0 + H W_hh0^T + b_hh0); layer 1 the same with its "
        "own weights, on layer 0's output at the same step; carry each layer's H through time"
    )


def check_two_layer_rnn(layer_cls):
    """``layer_cls(num_inputs, num_hiddens)``: a two-layer tanh RNN from scratch with the
    interface and parameter names of ``nn.RNN(num_inputs, num_hiddens, num_layers=2)``.

    Properties every correct solution has: with the weights of a random nn.RNN(num_layers=2)
    copied in, on random sizes, inputs and initial states (a different one per layer; one step
    and batch size 1 always included) its outputs and returned state equal the twin's; the
    gradients of a loss on every step's output and on the returned state, with respect to the
    inputs, the initial state and all eight parameters, equal the twin's in float64 (layer 0
    receives the gradient that flows down from layer 1, the state carries it back through time);
    no torch recurrent module or fused kernel runs inside; a freshly built layer's parameters are
    uniform in +-1/sqrt(num_hiddens), as the text asks."""
    gen = call_generator()
    name, worst_grad = getattr(layer_cls, "__name__", "the layer"), 0.0
    for trial in range(3):
        I, H = (int(v) for v in torch.randint(2, 9, (2,), generator=gen))
        H = H if H != I else I + 1
        T = 1 if trial == 0 else int(torch.randint(2, 7, (1,), generator=gen))
        B = 1 if trial == 1 else int(torch.randint(2, 5, (1,), generator=gen))
        layer = layer_cls(I, H)
        what = f"{name}({I}, {H})"
        reject_torch_recurrence(layer, what)
        params = dict(layer.named_parameters())
        twin = nn.RNN(I, H, num_layers=2)
        with torch.no_grad():
            for pname, p in twin.named_parameters():
                p.copy_(torch.randn(p.shape, generator=gen) * 0.6)
                if pname not in params:
                    fail(
                        f"the parameters of {what}",
                        f"torch's names {_NAMES}",
                        sorted(params),
                        "name them like nn.RNN(num_layers=2): weight_ih_l0, ..., bias_hh_l1",
                    )
                if params[pname].shape != p.shape:
                    cause = (
                        "layer 1's inputs are layer 0's hidden states: weight_ih_l1 is "
                        "(num_hiddens, num_hiddens)"
                        if pname == "weight_ih_l1"
                        else "torch stores W as (out_features, in_features)"
                    )
                    fail(f"{what}.{pname}", tuple(p.shape), tuple(params[pname].shape), cause)
                params[pname].copy_(p)
        X = torch.randn(T, B, I, generator=gen)
        H0 = torch.randn(2, B, H, generator=gen)
        with torch.no_grad():
            with recurrence_spy() as spy:  # the learner's layer first, watched for fused kernels
                got = call(layer, X, H0.clone(), what=f"{what}(inputs, state)")
            spy.reject(what)
            want_out, want_state = twin(X, H0)
        if not (isinstance(got, tuple) and len(got) == 2):
            fail(
                f"{what}(inputs, state)",
                "(outputs, state) like nn.RNN",
                describe(got),
                "return outputs, state",
            )
        out, state = got
        shape_in = f"inputs {tuple(X.shape)}"
        if not isinstance(out, torch.Tensor) or tuple(out.shape) != (T, B, H):
            fail(
                f"{what}: outputs for {shape_in}",
                f"shape {(T, B, H)}",
                describe(out),
                "the top layer's H at every step, stacked along dim 0",
            )
        if not isinstance(state, torch.Tensor) or tuple(state.shape) != (2, B, H):
            fail(
                f"{what}: state for {shape_in}",
                f"shape {(2, B, H)} (num_layers, batch_size, num_hiddens)",
                describe(state),
                "stack the final H of each layer: layer 0, then layer 1",
            )
        diff = max(max_abs_diff(out, want_out), max_abs_diff(state, want_state))
        if diff > TOL:
            cause = _diagnose(layer, twin, X, H0, out, state, want_out, want_state)
            fail(
                f"{what} against nn.RNN(num_layers=2) with copied weights, {shape_in} and a "
                "random initial state per layer",
                f"outputs and state within {TOL:g}",
                f"max abs difference {diff:.3g}",
                cause,
            )
        worst_grad = max(
            worst_grad,
            compare_gradients(
                layer,
                _reference(twin),
                {k: v.detach().double() for k, v in twin.named_parameters()},
                X.double(),
                H0.double(),
                f"{what}, {shape_in}, nn.RNN's weights copied in",
                gen,
                GRAD_CAUSE,
                names={n: n for n in _NAMES},
                spy_name=what,
            ),
        )
    require_uniform_init(layer_cls, name)
    passed(
        f"{name}: outputs and the returned state of both layers equal nn.RNN(num_layers=2) "
        "with copied weights, and so do the gradients through time of a loss on every step and "
        "on the returned state (inputs, initial state, every weight; float64 reference), for 3 "
        "random sizes, inputs and initial states (one step and batch size 1 included); no torch "
        f"recurrent layer or kernel inside; largest relative gradient difference {worst_grad:.1e}"
    )


def _rnn(net, what):
    require_model(net, what)
    rnn = getattr(net, "rnn", None)
    if not isinstance(rnn, (nn.GRU, nn.LSTM, nn.RNN)):
        fail(
            f"the recurrent layer of {what}",
            "net.rnn, an nn.GRU or nn.LSTM",
            describe(rnn),
            "build it as rnnlab.RNNLM(nn.GRU(...), len(vocab))",
        )
    return rnn


def _require_reported(reported, net, val_iter, what):
    """Fail unless ``reported`` is ``evaluate_perplexity(net, val_iter)`` (eval mode) at one of
    the offsets the iterator can start at."""
    from .lm import check_reported

    return check_reported(
        reported,
        net,
        val_iter,
        what,
        rtol=0.001,  # an iterator other than a sequential one: sampled at a few seeds
        cause="measure each model itself (models[L], not a leftover variable) on val_iter with "
        "rnnlab.evaluate_perplexity, which measures in eval mode (dropout off): not on the "
        "training text, not with dropout on",
    )


def check_depth_study(models, heldout, train_iter, val_iter, vocab, dropout, num_hiddens=None):
    """``models[L]`` for L = 1, 2, 3: trained RNNLMs with an L-layer recurrent layer of one kind
    and width, ``dropout`` between layers; ``heldout[L]`` the validation perplexity on
    ``val_iter``. Everything is re-evaluated here.

    Properties every correct solution has: three separate models sharing no parameter, nn.GRU
    layers of 1, 2 and 3 layers of one width (``num_hiddens`` when given) with ``dropout``
    between layers; the validation text is held out; each heldout[L] is
    evaluate_perplexity(models[L], val_iter) in eval mode at one of the iterator's offsets; no
    model predicts its validation text much better than fresh text of the same book (none was
    trained on it); every model beats the unigram baseline and the best beats itself without
    context on held-out windows drawn now. Of the training procedure, seen while it ran
    (``procedure``): each model has an optimizer of its own, Adam at learning rate 0.005; its
    training minibatches come from the training text, none from val_iter's; every step's gradient has a global
    norm of at most 1; the layers with dropout train in training mode (dropout on) at every
    step; the state carries across the sequential minibatches of an epoch
    (use_random_iter=False); the weights are handed over as the last step left them."""
    from .trained import require_distinct, require_not_trained_on

    if not isinstance(models, dict) or sorted(models) != [1, 2, 3]:
        fail(
            "models",
            "a dict {1: ..., 2: ..., 3: ...}, one trained model per depth",
            describe(models)[:200],
            "models[num_layers] = the trained network",
        )
    layers = {L: _rnn(models[L], f"models[{L}]") for L in (1, 2, 3)}
    kinds = {type(r).__name__ for r in layers.values()}
    widths = {r.hidden_size for r in layers.values()}
    if len(kinds) > 1 or len(widths) > 1:
        fail(
            "the three models",
            "the same kind of layer and the same width, only the depth differs",
            f"kinds {sorted(kinds)}, widths {sorted(widths)}",
            "change one thing at a time: num_layers",
        )
    for L, rnn in layers.items():
        if rnn.num_layers != L:
            fail(
                f"models[{L}].rnn.num_layers", L, rnn.num_layers, "pass num_layers=L when building the layer"
            )
        if L > 1 and abs(rnn.dropout - dropout) > 1e-9:
            fail(
                f"models[{L}].rnn.dropout",
                dropout,
                rnn.dropout,
                f"pass dropout={dropout}: torch applies it between layers",
            )
    if num_hiddens is not None and widths != {num_hiddens}:
        fail(
            "the width of the three models (hidden_size)",
            num_hiddens,
            sorted(widths),
            f"the exercise fixes {num_hiddens} units per layer",
        )
    require_distinct({f"models[{L}]": models[L] for L in (1, 2, 3)})
    require_procedure(
        {f"models[{L}]": models[L] for L in (1, 2, 3)},
        theta=1.0,
        carried=True,
        optimizer=("Adam", 0.005),
        texts=(train_iter, val_iter),
        side_by_side=True,
    )
    check_held_out(val_iter, train_iter)
    if not isinstance(heldout, dict) or sorted(heldout) != [1, 2, 3]:
        fail(
            "heldout",
            "a dict {1: ..., 2: ..., 3: ...} of validation perplexities",
            describe(heldout)[:200],
            "heldout[L] = rnnlab.evaluate_perplexity(models[L], val_iter)",
        )
    for L in (1, 2, 3):
        _require_reported(heldout[L], models[L], val_iter, f"the {L}-layer model")
    gen = call_generator()
    for L in (1, 2, 3):
        require_not_trained_on(models[L], val_iter, vocab, f"the {L}-layer model", gen)
    judge_sweep(models, vocab, lambda L: f"the {L}-layer model")
    for L in (1, 2, 3):
        _JUDGED_DEPTH[L] = (weakref.ref(models[L]), [p.detach().clone() for p in models[L].parameters()])
    passed(
        f"depth study: 1, 2 and 3 layers of {kinds.pop()} with dropout {dropout} between "
        "layers; validation text held out and not trained on; reported validation perplexities "
        "agree with a recomputation in eval mode; every model beats the unigram baseline, and "
        "the best beats itself without context, on held-out windows drawn now"
    )


def _require_as_judged(gru_net):
    """gru_net's weights are those exercise 2's check saw for models[2] (when that check ran)."""
    model, weights = _JUDGED_DEPTH.get(2, (lambda: None, None))
    if model() is not gru_net:
        return  # exercise 2's check did not run on this object: nothing to compare with
    now = list(gru_net.parameters())
    if len(now) != len(weights) or any(a.shape != b.shape for a, b in zip(now, weights)):
        moved = float("inf")
    else:
        moved = max(float((a.detach().cpu() - b.cpu()).abs().max()) for a, b in zip(now, weights))
    if moved > 0:
        fail(
            "gru_net's weights, against those of models[2] when exercise 2's check judged it",
            "the same weights: exercise 3 takes the trained two-layer GRU of exercise 2 as it is",
            f"weights that moved by up to {moved:.3g}" if moved < float("inf") else "other parameters",
            "gru_net was trained again (or changed) after exercise 2: train only the LSTM here; "
            "timing a step needs forward and backward, not an optimizer step",
        )


def check_gru_for_lstm(lstm_net, gru_net, vocab, models=None, num_hiddens=None, dropout=None):
    """The swap: ``gru_net`` is ``lstm_net`` with its LSTM replaced by a GRU of the same depth and
    width; both trained, both judged on held-out windows drawn now.

    Properties every correct solution has: lstm_net wraps a two-layer nn.LSTM (of ``num_hiddens``
    units and ``dropout`` between layers, when given); gru_net wraps an nn.GRU of the same depth
    and width and, with ``models``, is the two-layer model of exercise 2 itself (models[2]), with
    the weights exercise 2's check judged when it ran (timing a step runs forward and backward,
    it does not train); they share no parameter; both beat the unigram baseline and themselves
    without context on held-out windows drawn now. Of lstm_net's training (exercise 2's settings,
    seen while it ran, ``procedure``): an optimizer of its own (Adam, learning rate 0.005),
    gradients clipped at global norm 1, dropout on (training mode) at every step, the state
    carried across an epoch's minibatches, the weights as the last step left them."""
    from .trained import require_distinct, require_lm

    lstm, gru = _rnn(lstm_net, "the LSTM model"), _rnn(gru_net, "the GRU model")
    for rnn, kind, what in ((lstm, nn.LSTM, "the LSTM model"), (gru, nn.GRU, "the GRU model")):
        if not isinstance(rnn, kind):
            fail(
                f"the recurrent layer of {what}",
                f"nn.{kind.__name__}",
                f"nn.{type(rnn).__name__}",
                f"build {what} with nn.{kind.__name__}",
            )
    require_lm(lstm_net, "the LSTM model", nn.LSTM, num_hiddens or lstm.hidden_size, 2, dropout)
    if (gru.num_layers, gru.hidden_size) != (lstm.num_layers, lstm.hidden_size):
        fail(
            "the GRU's depth and width",
            f"the LSTM's: num_layers={lstm.num_layers}, hidden_size={lstm.hidden_size}",
            f"num_layers={gru.num_layers}, hidden_size={gru.hidden_size}",
            "swap only the kind of layer, keep the rest",
        )
    if models is not None and gru_net is not (models.get(2) if isinstance(models, dict) else None):
        fail(
            "gru_net",
            "the two-layer GRU of exercise 2, models[2] itself",
            "another object",
            "take gru_net = models[2]: the exercise compares the trained two-layer GRU with the LSTM",
        )
    _require_as_judged(gru_net)
    require_distinct({"lstm_net": lstm_net, "gru_net": gru_net})
    require_procedure(
        {"lstm_net": lstm_net, "gru_net": gru_net}, theta=1.0, carried=True, optimizer=("Adam", 0.005)
    )
    judge_lm(lstm_net, vocab, "the LSTM model")
    judge_lm(gru_net, vocab, "the GRU model")
    passed(
        f"the swap: a {gru.num_layers}-layer nn.GRU in place of the nn.LSTM, same width; both "
        "trained models beat the unigram baseline and themselves without context on "
        "held-out windows drawn now"
    )
