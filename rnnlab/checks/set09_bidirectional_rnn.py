"""Checks of exercise set 9 that are not layer comparisons: the width a unidirectional model needs
to match a bidirectional one's parameter count (chapter question 2), and the bidirectional
layer with a state per direction (``check_uneven_bidirectional``). The stacked layers are
judged by ``layers.check_twin`` and ``gradients.check_twin_gradients``."""

import numbers

import torch

from .core import call, close, describe, fail, fresh_generator, passed

# The two models the question can be read about: the chapter's blank filler (one-hot of the
# vocabulary plus the blank -> GRU -> linear to the vocabulary) and the language model of
# exercise 3 (one-hot of the vocabulary -> GRU -> linear).
ARCHITECTURES = {"the chapter's blank filler": 1, "the language model of exercise 3": 0}


def gru_model_params(vocab_size, num_hiddens, bidirectional, extra_inputs=0):
    """Parameters of one-hot -> nn.GRU(vocab_size + extra_inputs, num_hiddens) -> nn.Linear."""
    d = 2 if bidirectional else 1
    inputs = vocab_size + extra_inputs
    recurrent = d * 3 * (num_hiddens * inputs + num_hiddens * num_hiddens + 2 * num_hiddens)
    return recurrent + (d * num_hiddens + 1) * vocab_size


def _bracket(vocab_size, bi_hiddens, extra):
    """The widths whose counts are the nearest below and above the bidirectional model's."""
    budget = gru_model_params(vocab_size, bi_hiddens, True, extra)
    h = 1
    while gru_model_params(vocab_size, h + 1, False, extra) <= budget:
        h += 1
    return budget, {h, h + 1} if gru_model_params(vocab_size, h, False, extra) < budget else {h}


def check_matched_width(uni_hiddens, vocab_size, bi_hiddens=128):
    """``uni_hiddens``: the hidden units a unidirectional GRU model needs to have as many
    parameters as the bidirectional one with ``bi_hiddens`` units per direction.

    Properties every correct answer has: it is a whole number of units, one of the two widths
    whose parameter counts are the nearest below and above the bidirectional model's, counting
    every parameter (input and recurrent weights, both biases, the output layer), for the
    chapter's blank filler or for the language model of exercise 3 (either reading is accepted;
    their brackets differ by at most a unit)."""
    if isinstance(uni_hiddens, bool) or not isinstance(uni_hiddens, numbers.Integral) or uni_hiddens < 1:
        fail(
            "uni_hiddens",
            "a whole number of hidden units",
            describe(uni_hiddens),
            "store the width you found in uni_hiddens, e.g. uni_hiddens = 150",
        )
    uni_hiddens = int(uni_hiddens)
    accepted, gaps = set(), []
    for _name, extra in ARCHITECTURES.items():
        budget, widths = _bracket(vocab_size, bi_hiddens, extra)
        accepted |= widths
        gaps.append(gru_model_params(vocab_size, uni_hiddens, False, extra) / budget - 1)
    if uni_hiddens not in accepted:
        gap = min(gaps, key=abs)
        cause = (
            "too many units: the recurrent weights grow with the square of the width, so twice "
            "the parameters do not take twice the units; count the parameters of both models "
            "(sum(p.numel() for p in net.parameters())) and search the width"
            if gap > 0
            else "too few units: count every parameter (input weights, both biases, the output "
            "layer), not only the recurrent matrices, and search the width whose count is nearest"
        )
        fail(
            f"uni_hiddens = {uni_hiddens}, against a bidirectional GRU model of {bi_hiddens} units "
            "per direction",
            "a width whose parameter count is the nearest below or above the bidirectional model's",
            f"a model with {gap:+.1%} parameters relative to the bidirectional one",
            cause,
        )
    passed(
        f"uni_hiddens = {uni_hiddens}: the parameter count of the unidirectional model is the nearest "
        f"to the bidirectional one's ({bi_hiddens} units per direction), every parameter counted"
    )


# --- a bidirectional layer with a state per direction -------------------------------------


def _uneven_gradients(layer, X, sf, sb, gen):
    """Gradients of a loss on every output step and both final states, with respect to the inputs
    and both initial states: (where, relative gap) for the learner's layer against the
    construction from its own ``fwd`` and ``bwd``."""
    from .gradients import gradient_gap, weighted_loss

    def grads(run):
        leaves = [t.detach().clone().requires_grad_() for t in (X, sf, sb)]
        out, state = run(*leaves)
        loss = weighted_loss(out, state, weights)
        if not loss.requires_grad:
            return [None, None, None]
        return torch.autograd.grad(loss, leaves, allow_unused=True)

    def reference(x, f, b):
        out_f, state_f = layer.fwd(x, f)
        out_b, state_b = layer.bwd(torch.flip(x, [0]), b)
        return torch.cat([out_f, torch.flip(out_b, [0])], dim=-1), (state_f, state_b)

    weights = (
        torch.randn(*X.shape[:2], layer.fwd.hidden_size + layer.bwd.hidden_size, generator=gen),
        [torch.randn(sf.shape, generator=gen), torch.randn(sb.shape, generator=gen)],
    )
    got = grads(lambda x, f, b: call(layer, x, (f, b), what=f"{type(layer).__name__}(X, state)"))
    want = grads(reference)
    names = ("the inputs", "the forward initial state", "the backward initial state")
    return [(n, gradient_gap(g, w)) for n, g, w in zip(names, got, want)]


# frr uneven_bidirectional_09: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_uneven_bidirectional(layer):
    """A bidirectional layer whose directions ``layer.fwd`` and ``layer.bwd`` have different sizes,
    called as ``layer(X, (state_fwd, state_bwd))`` -> (outputs, (state_fwd, state_bwd)).

    Properties every correct solution has: outputs (num_steps, batch_size, h_fwd + h_bwd), step t
    holding [forward output at t, backward output at t] where the backward direction reads the
    inputs reversed in time from ``state_bwd`` and the forward one reads them from ``state_fwd``;
    the final states of both directions as a pair; and the same gradients as that construction
    (a loss on every step and both final states, with respect to the inputs and both initial
    states), for one step and several, batch size 1 and more."""
    gen = fresh_generator()
    hf, hb = layer.fwd.hidden_size, layer.bwd.hidden_size
    for num_steps, batch_size in ((1, 1), (6, 1), (4, 3)):
        X = torch.randn(num_steps, batch_size, layer.fwd.input_size, generator=gen)
        sf, sb = torch.randn(1, batch_size, hf, generator=gen), torch.randn(1, batch_size, hb, generator=gen)
        with torch.no_grad():
            got = call(layer, X.clone(), (sf.clone(), sb.clone()), what=f"{type(layer).__name__}(X, state)")
            got_out, got_state = got if isinstance(got, (tuple, list)) and len(got) == 2 else (got, None)
            out_f, want_sf = layer.fwd(X, sf)
            out_b, want_sb = layer.bwd(torch.flip(X, [0]), sb)
            want = torch.cat([out_f, torch.flip(out_b, [0])], dim=-1)
        what = f"outputs for inputs of shape {tuple(X.shape)}"
        if not isinstance(got_out, torch.Tensor) or got_out.shape != want.shape:
            fail(
                what,
                f"shape {tuple(want.shape)}: (num_steps, batch_size, {hf} + {hb})",
                describe(got_out),
                "concatenate the two directions' outputs on the last dim; their widths add up",
            )
        if not close(got_out[..., :hf], want[..., :hf]):
            cause = (
                "the initial state is ignored: pass state_fwd to self.fwd (and state_bwd to self.bwd)"
                if close(got_out[..., :hf], layer.fwd(X)[0])
                else "put the forward direction first: torch.cat([forward, backward], dim=-1)"
            )
            fail(
                f"{what}, first {hf} features",
                "the forward direction's outputs from the given state",
                "something else",
                cause,
            )
        if not close(got_out, want):
            cause = (
                "the backward outputs are in reverse time order: flip them back"
                if close(got_out[..., hf:], torch.flip(want[..., hf:], [0]))
                else "the initial state of the backward direction is ignored: pass state_bwd to self.bwd"
                if close(got_out[..., hf:], torch.flip(layer.bwd(torch.flip(X, [0]))[0], [0]))
                else "the backward direction reads the inputs reversed in time: flip, run, flip back"
            )
            fail(
                f"{what}, last {hb} features",
                "the backward direction's outputs, aligned with time step t",
                "something else",
                cause,
            )
        if not (
            isinstance(got_state, (tuple, list))
            and len(got_state) == 2
            and close(got_state[0], want_sf)
            and close(got_state[1], want_sb)
        ):
            fail(
                f"the final state for inputs of shape {tuple(X.shape)}",
                "(state_fwd, state_bwd): each direction's state after its last step",
                describe(got_state),
                "return the two directions' final states as a pair (a tuple or a list), forward first",
            )
        # relative tolerance 1e-4: 0 of 200 correct runs rejected (2026-12-06)
        bad = [(where, gap) for where, gap in _uneven_gradients(layer, X, sf, sb, gen) if not gap <= 1e-4]
        if bad:
            where, gap = bad[0]
            fail(
                f"gradients for inputs of shape {tuple(X.shape)} of a loss on every output step and "
                "both final states",
                "those of the two directions run as in the exercise (relative difference <= 1e-4)",
                f"with respect to {where}: "
                + ("no gradient at all" if gap == float("inf") else f"relative difference {gap:.3g}"),
                "the outputs are right but the graph is cut: no .detach(), .data, .item() or "
                "torch.no_grad on the way from the inputs and states to the outputs",
            )
    passed(
        f"{type(layer).__name__}: outputs (num_steps, batch_size, {hf} + {hb}) = [forward, backward] with "
        "the backward direction aligned in time, from random initial states, final states returned, "
        "gradients through time to the inputs and both initial states, batch sizes 1 and 3"
    )
