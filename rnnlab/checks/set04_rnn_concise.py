"""Checks of exercise set 4 (recurrent networks, concisely): torch's layout against d2l's, a
hidden-size sweep judged on held-out text (early stopping: ``set04_early_stopping``).
House conventions in ``rnnlab.checks.core``; the held-out judge in ``heldout``."""

import torch
from torch import nn

from .procedure import require_procedure
from .core import describe, fail, passed
from .lm import check_reported
from .heldout import (
    call_generator,
    check_held_out,
    judge_sweep,
    require_model,
)


def _shares_storage(a, b):
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


# frr d2l_params_04: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_d2l_params(to_d2l_params):
    """``to_d2l_params(rnn)`` -> {"W_xh": (I, H), "W_hh": (H, H), "b_h": (H,)}, copies such that
    H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h) equals ``nn.RNN``, on random layers and states,
    layers of one input and of one unit included (no result may share memory with the layer)."""
    gen = call_generator()
    sizes = []
    for _ in range(3):
        I, H = (int(v) for v in torch.randint(2, 10, (2,), generator=gen))
        sizes.append((I, H if H != I else I + 1))
    # boundary layers: with one input or one unit, a transpose made contiguous is still a view
    sizes += [(1, sizes[0][1]), (sizes[1][0], 1)]
    for trial, (I, H) in enumerate(sizes):
        T, B = int(torch.randint(1, 6, (1,), generator=gen)), trial % 3 + 1
        rnn = nn.RNN(I, H)
        with torch.no_grad():
            for p in rnn.parameters():
                p.copy_(torch.randn(p.shape, generator=gen) * 0.5)
        what = f"to_d2l_params(nn.RNN({I}, {H}))"
        got = to_d2l_params(rnn)
        want = {"W_xh": (I, H), "W_hh": (H, H), "b_h": (H,)}
        if not isinstance(got, dict) or sorted(got) != sorted(want):
            fail(
                what,
                f"a dict with keys {sorted(want)}",
                describe(got)[:200],
                "return {'W_xh': ..., 'W_hh': ..., 'b_h': ...}",
            )
        for name, shape in want.items():
            v = got[name]
            if not isinstance(v, torch.Tensor) or tuple(v.shape) != shape:
                cause = (
                    "transposed: d2l multiplies X @ W_xh, so W_xh is (num_inputs, num_hiddens) "
                    "= weight_ih_l0.T"
                    if isinstance(v, torch.Tensor) and tuple(v.shape) == shape[::-1]
                    else "one bias vector of size num_hiddens"
                )
                fail(f"{what}['{name}']", f"a tensor of shape {shape}", describe(v), cause)
            if any(_shares_storage(v, p) for p in rnn.parameters()):
                fail(
                    f"{what}['{name}']",
                    "a copy (its own memory)",
                    "a view of the layer's parameter",
                    "a view changes when the layer trains (and the other way "
                    "round): .detach().clone() it, e.g. rnn.weight_ih_l0.T.detach().clone()",
                )
        X, H0 = torch.randn(T, B, I, generator=gen), torch.randn(1, B, H, generator=gen)
        with torch.no_grad():
            want_out, want_state = rnn(X, H0)
            state, outs = H0[0], []
            for x in X:
                state = torch.tanh(x @ got["W_xh"] + state @ got["W_hh"] + got["b_h"])
                outs.append(state)
        diff = float((torch.stack(outs) - want_out).abs().max())
        if diff > 1e-5:
            w = rnn.state_dict()
            if torch.allclose(got["W_hh"], w["weight_hh_l0"]):
                cause = "W_hh is torch's weight_hh_l0 untransposed: d2l's W_hh = weight_hh_l0.T"
            elif torch.allclose(got["b_h"], w["bias_ih_l0"]) or torch.allclose(got["b_h"], w["bias_hh_l0"]):
                cause = "torch has two biases per gate and both are added: b_h = bias_ih + bias_hh"
            else:
                cause = "W_xh = weight_ih_l0.T, W_hh = weight_hh_l0.T, b_h = bias_ih + bias_hh"
            fail(
                f"tanh(X W_xh + H W_hh + b_h) with {what}, random X and H0 of batch {B}",
                "the outputs of nn.RNN (max abs difference <= 1e-5)",
                f"difference {diff:.3g}",
                cause,
            )
        if float((state - want_state[0]).abs().max()) > 1e-5:
            fail(
                f"the final state with {what}",
                "nn.RNN's final state",
                "another one",
                "the state after the LAST step",
            )
    passed(
        "to_d2l_params: W_xh = weight_ih_l0.T, W_hh = weight_hh_l0.T, b_h = both biases, as "
        "copies; the d2l recurrence reproduces nn.RNN on 5 random layers (one input, one unit included), "
        "inputs and states"
    )


def _layer(net):
    return getattr(net, "rnn", None)


def check_hidden_sweep(models, heldout, train_iter, val_iter, vocab, sizes):
    """``models[h]``: a trained RNNLM around ``nn.RNN(len(vocab), h)`` for every h in ``sizes``;
    ``heldout[h]`` its validation perplexity on ``val_iter``. Re-evaluated here.

    Of the training procedure (the exercise's settings): a model and an optimizer per size, SGD
    at learning rate 1, gradients clipped at global norm 1, minibatches of the training text only,
    and the models trained side by side: the same number of steps for each, one epoch of each in
    turn (never one model's whole training before the next's)."""
    if not isinstance(models, dict) or sorted(models) != sorted(sizes):
        fail(
            "models",
            f"a dict with one trained model per hidden size {sorted(sizes)}",
            describe(models)[:200],
            "models[num_hiddens] = the trained network",
        )
    for h in sizes:
        require_model(models[h], f"models[{h}]")
        rnn = _layer(models[h])
        if not isinstance(rnn, nn.RNN) or rnn.hidden_size != h or rnn.num_layers != 1:
            fail(
                f"models[{h}].rnn",
                f"nn.RNN({len(vocab)}, {h})",
                describe(rnn) if rnn is None else repr(rnn),
                "build each model with its own hidden size: "
                "rnnlab.RNNLM(nn.RNN(len(vocab), num_hiddens), len(vocab))",
            )
    ids = {id(m) for m in models.values()}
    if len(ids) != len(models):
        fail(
            "the models of the sweep",
            "a separate model per size",
            "the same object twice",
            "create a new model inside the loop",
        )
    # the settings: SGD at learning rate 1, clipping at norm 1, 25 epochs of each model side by side
    require_procedure(
        {f"models[{h}]": models[h] for h in sizes},
        theta=1.0,
        optimizer=("SGD", 1.0),
        texts=(train_iter, val_iter),
        side_by_side=True,
    )
    check_held_out(val_iter, train_iter)
    if not isinstance(heldout, dict) or sorted(heldout) != sorted(sizes):
        fail(
            "heldout",
            f"a dict with one validation perplexity per size {sorted(sizes)}",
            describe(heldout)[:200],
            "heldout[num_hiddens] = evaluate_perplexity(net, val_iter)",
        )
    for h in sizes:
        check_reported(heldout[h], models[h], val_iter, f"the model with {h} hidden units")
    judge_sweep(models, vocab, lambda h: f"the model with {h} hidden units")
    passed(
        f"hidden-size sweep {sorted(sizes)}: one nn.RNN model per size; validation text held "
        "out; reported validation perplexities agree with a recomputation; every model beats "
        "the unigram baseline, and the best beats itself without context, on held-out "
        "windows drawn now"
    )
