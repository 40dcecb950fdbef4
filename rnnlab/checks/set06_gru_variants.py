"""Checks of exercise set 6 (GRU) on code rather than trained models: the parameter counts of
nn.RNN, nn.GRU and nn.LSTM, and the one-gate GRU variants against an nn.GRU whose third gate
is forced shut or open. The trained models are judged in ``set06_gru``. House conventions in
``core``.
"""

import torch
from torch import nn

from .core import (
    call,
    close,
    first_cause,
    describe,
    fail,
    fresh_generator,
    passed,
    recurrence_spy,
    reject_torch_recurrence,
)
from .grads import compare_gradients
from .initial import require_uniform_init

# --- recurrent layers: parameter counts, GRU variants, trained models ---------------------


# frr param_count_06: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_param_count(rnn_param_count):
    """``rnn_param_count(kind, num_inputs, num_hiddens)`` for kind 'rnn', 'gru', 'lstm' equals
    the number of parameters of the torch.nn layer."""
    layers = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}
    gen = fresh_generator()
    sizes = [(int(a), int(b)) for a, b in torch.randint(2, 300, (2, 2), generator=gen)]
    # inputs and hidden units at least 2 apart: with num_inputs = num_hiddens + 1 a square W_ih
    # is off by exactly one bias vector, and the two mistakes could not be told apart
    sizes = [(i, h if abs(i - h) >= 2 else i + 2) for i, h in sizes] + [(1, 1)]
    for kind, layer in layers.items():
        for num_inputs, num_hiddens in sizes:
            got = call(
                rnn_param_count,
                kind,
                num_inputs,
                num_hiddens,
                what=f"rnn_param_count({kind!r}, {num_inputs}, {num_hiddens})",
            )
            with torch.random.fork_rng():  # the learner's random stream is left as it was
                want = sum(p.numel() for p in layer(num_inputs, num_hiddens).parameters())
            if got != want:
                gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
                h, i = num_hiddens, num_inputs
                cause = (
                    "torch.nn has two bias vectors per gate block (bias_ih and bias_hh)"
                    if got == want - gates * h
                    else f"{kind} has {gates} gate block(s), each with W_ih, W_hh, b_ih, b_hh"
                    if isinstance(got, int) and got % (h * (i + h) + 2 * h) == 0
                    else "W_ih is (gates*num_hiddens, num_inputs), W_hh is (gates*num_hiddens, num_hiddens)"
                )
                fail(
                    f"rnn_param_count({kind!r}, {num_inputs}, {num_hiddens})",
                    f"sum of p.numel() over nn.{layer.__name__}'s parameters",
                    f"{got} (off by {got - want:+d})" if isinstance(got, int) else describe(got),
                    cause,
                )
    passed(
        "rnn_param_count: matches sum(p.numel()) of nn.RNN, nn.GRU and nn.LSTM for 3 sizes each "
        "(two random, new on every run)"
    )


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
            full[v["kept"] * H : (v["kept"] + 1) * H] = params[name][:H]
            full[2 * H :] = params[name][H:]
        gru.bias_ih_l0[v["forced"] * H : (v["forced"] + 1) * H] = v["force_to"]  # sigmoid -> 0 or 1
    return gru


def _variant_reference(variant, num_inputs, num_hiddens):
    """The forced-gate nn.GRU as a float64 function of (inputs, state, the variant's parameters),
    differentiable in all three: the third gate block is built from constants."""
    from torch.func import functional_call

    v, H = _VARIANTS[variant], num_hiddens
    with torch.random.fork_rng():
        gru = nn.GRU(num_inputs, num_hiddens).double()

    def reference(inputs, state, params):
        full = {}
        for name, p in params.items():
            blocks = [None, None, p[H:]]
            blocks[v["kept"]] = p[:H]
            blocks[v["forced"]] = torch.zeros_like(p[:H])
            if name == "bias_ih_l0":
                blocks[v["forced"]] = torch.full_like(p[:H], v["force_to"])
            full[name] = torch.cat(blocks)
        return functional_call(gru, full, (inputs, state))

    return reference


_GRAD_CAUSE = (
    "the outputs and state are right but their gradients are not: the graph is cut or altered "
    "(a .detach(), .data, torch.no_grad(), or values copied into a new tensor) between the steps, "
    "so the loss on later steps does not reach the earlier ones, the initial state and the weights"
)


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
    is forced shut (z = 0) or open (r = 1) by a large bias.

    Properties every correct solution has: exactly the four parameters of that layout; on random
    weights, inputs and initial states (sizes with one step and with batch size 1 always among
    them) its outputs and final state equal the forced-gate nn.GRU's, and so do the gradients of a
    loss on every step's output and on the returned state with respect to the inputs, the initial
    state and every parameter (float64); no torch recurrent module or fused kernel runs inside;
    a freshly built layer's parameters are uniform in +-1/sqrt(num_hiddens), as the text asks."""
    if variant not in _VARIANTS:
        raise ValueError(f"variant must be one of {sorted(_VARIANTS)}")
    gen, worst_grad = fresh_generator(), 0.0
    for sizes in [(5, 4, 3, 6), (28, 16, 1, 4), (2, 3, 2, 1)]:  # (inputs, hiddens, batch, steps)
        worst_grad = max(worst_grad, _compare_variant(layer_cls, variant, gen, *sizes))
    require_uniform_init(layer_cls, layer_cls.__name__)
    passed(
        f"{layer_cls.__name__} ({variant}): outputs, state and the gradients through time (inputs, "
        f"initial state, every weight, of a loss on every step and on the state) equal nn.GRU with "
        f"the other gate forced ({_VARIANTS[variant]['missing']}) in float64, for 3 shapes, one step "
        "and batch size 1 included, random weights and initial states (new on every run), no torch.nn "
        f"recurrence inside; largest relative gradient difference {worst_grad:.1e}"
    )


def _compare_variant(layer_cls, variant, gen, num_inputs, num_hiddens, batch_size, num_steps):
    """One shape: the layer's outputs, state and gradients against the forced-gate nn.GRU; returns
    the largest relative gradient difference."""
    with torch.random.fork_rng():  # the learner's random stream is left as it was
        layer = call(
            layer_cls, num_inputs, num_hiddens, what=f"{layer_cls.__name__}({num_inputs}, {num_hiddens})"
        )
    reject_torch_recurrence(layer, layer_cls.__name__)
    params = dict(layer.named_parameters())  # the layer runs in its own dtype (float32)
    _require_layout(layer_cls, variant, params, num_inputs, num_hiddens)
    with torch.no_grad():
        for p in params.values():  # weights large enough that the gates matter
            p.copy_(torch.rand(p.shape, generator=gen) * 2 - 1)
    # drawn in float32 (the layer's dtype), so the float64 reference reads exactly the same values
    X = torch.randn(num_steps, batch_size, num_inputs, generator=gen).double()
    H0 = torch.randn(1, batch_size, num_hiddens, generator=gen).double()
    with torch.no_grad(), recurrence_spy() as spy:  # the learner's layer first
        got = call(layer, X.float(), H0.float(), what=f"{layer_cls.__name__}(inputs, state)")
    spy.reject(layer_cls.__name__)
    params = {k: v.detach().double() for k, v in params.items()}  # the float64 reference's
    with torch.no_grad():
        want_out, want_state = _gru_twin(params, variant, num_inputs, num_hiddens)(X, H0)
    what = f"{layer_cls.__name__}({num_inputs}, {num_hiddens}) on inputs {tuple(X.shape)}"
    out, state = _require_result_shapes(what, got, want_out, want_state)
    if not close(out, want_out):
        fail(
            what + ": outputs",
            f"equal (1e-5) to nn.GRU with the other gate forced ({_VARIANTS[variant]['missing']})",
            f"max abs difference {float((out - want_out).abs().max()):.3g}",
            _diagnose_outputs(variant, params, X, H0, out),
        )
    if not close(state, want_state):
        fail(
            what + ": state",
            "the last step's H",
            f"max abs difference {float((state - want_state).abs().max()):.3g}",
            "return the H of the LAST step",
        )
    reference = _variant_reference(variant, num_inputs, num_hiddens)
    return compare_gradients(
        layer, reference, params, X, H0, what, gen, _GRAD_CAUSE, spy_name=layer_cls.__name__
    )


def _blocks(variant):
    return "[r, n]" if variant == "reset_only" else "[z, n]"


def _require_layout(layer_cls, variant, params, num_inputs, num_hiddens):
    """Exactly the four parameters of nn.GRU's layout, with two gate blocks."""
    shapes = {
        "weight_ih_l0": (2 * num_hiddens, num_inputs),
        "weight_hh_l0": (2 * num_hiddens, num_hiddens),
        "bias_ih_l0": (2 * num_hiddens,),
        "bias_hh_l0": (2 * num_hiddens,),
    }
    blocks = _blocks(variant)
    for name, shape in shapes.items():
        if name not in params or tuple(params[name].shape) != shape:
            fail(
                f"{layer_cls.__name__}({num_inputs}, {num_hiddens}).{name}",
                f"a parameter of shape {shape}",
                describe(params[name].data) if name in params else f"parameters {sorted(params)}",
                f"lay the parameters out like nn.GRU's with two gate blocks {blocks} stacked by rows",
            )
    extra = sorted(set(params) - set(shapes))
    if extra:
        fail(
            f"{layer_cls.__name__} parameters",
            sorted(shapes),
            sorted(params),
            f"{variant} has two blocks only; remove {extra}",
        )


def _require_result_shapes(what, got, want_out, want_state):
    """``(outputs, state)`` shaped like nn.GRU's; returns them."""
    if not (isinstance(got, tuple) and len(got) == 2):
        fail(what, "a tuple (outputs, state)", describe(got), "return outputs, state like nn.GRU")
    out, state = got
    if tuple(out.shape) != tuple(want_out.shape):
        fail(
            what + ": outputs",
            f"shape {tuple(want_out.shape)} (num_steps, batch_size, num_hiddens)",
            describe(out),
            "stack the H of every step along dim 0",
        )
    if tuple(state.shape) != tuple(want_state.shape):
        fail(
            what + ": state",
            f"shape {tuple(want_state.shape)} (1, batch_size, num_hiddens)",
            describe(state),
            "return the last H with a leading layer dimension: H.unsqueeze(0)",
        )
    return out, state


def _output_causes(variant):
    """(condition on the evidence, likely cause) for wrong outputs, tried in order: each condition
    says the outputs equal those of one known mistake."""
    blocks = _blocks(variant)
    return [
        (
            lambda e: close(e["out"], e["from_zero"]),
            "the initial state is ignored: start the recursion from state[0]",
        ),
        (
            lambda e: close(e["out"], e["blocks_swapped"]),
            f"the two gate blocks are used in the wrong order: rows [0, h) are the gate, rows "
            f"[h, 2h) the candidate ({blocks})",
        ),
        (
            lambda e: variant == "reset_only" and close(e["out"], e["d2l"]),
            "r multiplies H before the matmul (d2l's form); torch.nn's GRU computes "
            "n = tanh(W_in x + b_in + r * (W_hn H + b_hn))",
        ),
        (
            lambda e: variant == "update_only" and close(e["out"], e["swapped"]),
            "z and 1 - z swapped: H_t = (1 - z) * n + z * H_{t-1}",
        ),
        (
            lambda e: True,
            f"a GRU with {_VARIANTS[variant]['missing']}; gate blocks in the order {blocks}, "
            "sigmoid for the gate, tanh for the candidate, the initial state used",
        ),
    ]


def _diagnose_outputs(variant, params, X, H0, out):
    """The likely mistake behind wrong outputs: the known mistakes, recomputed on the same inputs."""
    H = H0.shape[-1]
    with torch.no_grad():
        flipped = {k: torch.cat([v[H:], v[:H]]) for k, v in params.items()}
        evidence = {
            "out": out,
            "d2l": _variant_by_hand(params, variant, X, H0[0], d2l_reset=True)[0],
            "swapped": _variant_by_hand(params, variant, X, H0[0], swap_update=True)[0],
            "from_zero": _gru_twin(params, variant, X.shape[-1], H)(X, torch.zeros_like(H0))[0],
            "blocks_swapped": _gru_twin(flipped, variant, X.shape[-1], H)(X, H0)[0],
        }
    return first_cause(_output_causes(variant), evidence)
