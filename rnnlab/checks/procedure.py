"""What every correct training procedure does, judged from the recorder's records
(``recorder.py``: PyTorch's global hooks, installed when ``rnnlab.checks`` is imported).

Each ``require_*`` names one property (gradients clipped, one optimizer per model, the state
carried, training mode, the stated optimizer, training text only, models trained side by side);
``require_procedure`` applies the ones an exercise's text states.
"""

import torch

from . import recorder
from .core import fail
from .recorder import initial_weights, install, trained_here, uninstall  # noqa: F401 (names kept)

CLIP_SLACK = 1e-5  # relative float noise of a norm recomputed after a global rescale
ZERO_STATE_SHARE = 0.5  # a carried state starts from zeros once per epoch: 1 in 8 to 16 minibatches


def require_clipped(net, what, theta):
    """Every optimizer step on ``net``'s parameters used gradients of global norm <= theta."""
    worst = max(
        (float(o.max_norm) for o in recorder.optimizers_of(net) if o.max_norm is not None), default=None
    )
    if worst is not None and worst > theta * (1 + CLIP_SLACK):
        fail(
            f"the global norm of the gradients at each training step of {what} (all its "
            "parameters together, as the optimizer used them)",
            f"at most {theta} at every step: the exercise clips the gradient at norm {theta}",
            f"steps with a norm of up to {worst:.3g}",
            f"clip the norm of all parameters' gradients together, once per step, between "
            f"backward() and step(): rnnlab.grad_clipping(net, {theta}) or "
            f"torch.nn.utils.clip_grad_norm_(net.parameters(), {theta}) (not each tensor on its own, "
            "and not left out)",
        )


def _steps_and_stretches(nets):
    """label -> (optimizer steps on that model, stretches of consecutive steps on it). A step
    belongs to the model whose parameters had gradients (one optimizer may hold several); the
    counts are complete, the stretches come from the recent order the recorder keeps (None when
    it no longer holds every step of these models)."""
    owner = {rec.serial: label for label, net in nets.items() for rec in recorder.records(net)}
    steps = {label: sum(rec.credited for rec in recorder.records(net)) for label, net in nets.items()}
    stretches, last, seen = dict.fromkeys(nets, 0), None, 0
    for _, stepped in recorder.STEP_ORDER:  # by record: an optimizer dropped since still counts
        label = owner.get(stepped)
        if label is None:
            continue
        seen += 1
        if label != last:
            stretches[label] += 1
        last = label
    return steps, (stretches if seen == sum(steps.values()) else None)


def require_side_by_side(nets, what="the models"):
    """Models the text trains side by side, one epoch of each in turn, for the same number of
    epochs: each model gets as many steps as every other, and none is trained in one stretch
    while the others wait (a correct run switches models after every epoch)."""
    nets = {label: net for label, net in nets.items() if trained_here(net)}
    if len(nets) < 2:
        return
    steps, stretches = _steps_and_stretches(nets)
    if len(set(steps.values())) > 1:
        fail(
            f"the number of training steps of each of {what}",
            "the same for every model: each trains for the same number of epochs on the same batches",
            ", ".join(f"{label}: {n}" for label, n in steps.items()),
            "give every model the full number of epochs (not one budget of epochs shared among them)",
        )
    alone = [label for label, n in (stretches or {}).items() if n < 2 and steps[label] > 1]
    if alone:
        fail(
            f"the order in which {what} were trained",
            "side by side: one epoch of each in turn, so each model's training is interleaved with "
            "the others'",
            f"{alone[0]} trained in one stretch, while the others waited",
            "loop over the epochs outside and over the models inside",
        )


def require_own_optimizers(nets):
    """Each model in ``nets`` (label -> model) is trained on its own: one optimizer may hold
    several models (a correct run when it clears the gradients, as ``zero_grad()`` does by
    default: a step then moves only the model whose loss gave gradients), but no step may move a
    model's weights when its own loss gave it no gradient (momentum or weight decay carried over
    from another model's steps)."""
    owner = {id(p): label for label, net in nets.items() for p in net.parameters()}
    for label, net in nets.items():
        for orec in recorder.optimizers_of(net):
            others = sorted({owner[i] for i in orec.param_ids if i in owner} - {label})
            moved = sum(rec.idle_moves for rec in recorder.records(net))
            if others and moved:
                fail(
                    f"the weights of {label} during the steps that trained {', '.join(others)}",
                    "unchanged: each model is trained on its own, by the gradients of its own loss",
                    f"{moved} time(s) a parameter of {label} moved in a step where it had no gradient",
                    f"one optimizer holds {label} and {', '.join(others)}, and its steps move every "
                    "model it holds (momentum, or gradients zeroed rather than cleared): build one "
                    "optimizer per model, e.g. torch.optim.Adam(net.parameters(), ...) for each",
                )


def require_untouched_between_steps(net, what):
    """Between two training steps and after the last one, only the optimizer changed the weights."""
    stepped = [rec for rec in recorder.records(net) if rec.steps]
    touched = sum(rec.touched for rec in stepped)
    if touched:
        fail(
            f"the weights of {what} between its training steps",
            "changed by the optimizer's steps only, once training has started",
            f"{touched} time(s) a parameter was overwritten between two steps",
            "a setting applied again during training (e.g. set_forget_bias or load_state_dict in "
            "the loop): apply it once, before the first step, and let training change it",
        )
    later = [rec for rec in stepped if rec.ref() is not None and rec.ref()._version != rec.version]
    if later:
        fail(
            f"the weights of {what}, against those its last training step left",
            "the same: the exercise keeps the model as training ends",
            f"{len(later)} parameter tensor(s) overwritten after the last step",
            "weights loaded back from an earlier epoch (e.g. the epoch with the lowest perplexity on "
            "val_iter, text reserved for judging the models) or changed after training: keep the "
            "model as its last epoch leaves it",
        )


def require_train_mode(net, what):
    """Every training forward of a dropout-bearing recurrent layer ran in training mode."""
    for layer in net.modules():
        counts = recorder.LAYERS.get(layer)
        if counts is None or not getattr(layer, "dropout", 0):
            continue
        total, in_eval = counts["train"]
        if in_eval:
            fail(
                f"the mode of {what}'s recurrent layer (dropout {layer.dropout}) during training",
                "training mode at every step, so that dropout is active while it trains",
                f"eval mode in {in_eval} of {total} training forwards",
                "the model was left in eval() mode (after a validation pass of your own, or set "
                "before training): call net.train() before each training epoch "
                "(rnnlab.evaluate_perplexity switches back itself)",
            )


def require_carried_state(net, what):
    """With sequential minibatches the state carries from one minibatch to the next."""
    for layer in net.modules():
        counts = recorder.LAYERS.get(layer)
        if counts is None:
            continue
        total, zero = counts["zero"]
        if total >= 4 and zero > ZERO_STATE_SHARE * total:
            fail(
                f"the state {what}'s recurrent layer starts each training minibatch from",
                "the previous minibatch's final state (detached) within an epoch: train_iter "
                "cuts the text into consecutive pieces, as in the chapters",
                f"a zero state in {zero} of {total} training minibatches",
                "the state is reset at every minibatch (use_random_iter=True, or begin_state in the "
                "loop): begin a state once per epoch and carry it (use_random_iter=False)",
            )


def require_optimizer(net, what, kind, lr):
    """Every step on ``net``'s parameters was taken by a ``kind`` optimizer at learning rate ``lr``."""
    settings = set().union(*(o.settings for o in recorder.optimizers_of(net)))
    other = sorted(f"{k} at lr {v:g}" for k, v in settings if k != kind or abs(v - lr) > 1e-9 * lr)
    if other:
        fail(
            f"the optimizer and learning rate of {what}'s training steps",
            f"{kind} at learning rate {lr:g} at every step, as the exercise's settings say",
            ", ".join(other),
            f"build the optimizer as torch.optim.{kind}(net.parameters(), lr={lr:g})",
        )


def _pieces(ids):
    ids = list(ids)
    return {tuple(ids[i : i + recorder.TOKEN_SPAN]) for i in range(len(ids) - recorder.TOKEN_SPAN + 1)}


LEAK_SHARE = 0.01  # rows of the validation text among the training rows; a correct run has none


def require_trained_on(net, what, train_iter, val_iter):
    """The minibatches ``net`` was trained on come from the training text, none from val_iter's."""
    rows = recorder.TOKENS.get(net)
    train_ids, val_ids = getattr(train_iter, "corpus", None), getattr(val_iter, "corpus", None)
    if not rows or train_ids is None or val_ids is None:
        return
    val_only = _pieces(val_ids) - _pieces(train_ids)
    leaked = sum(r in val_only for r in rows)
    if leaked > LEAK_SHARE * len(rows):
        fail(
            f"the text of the minibatches {what} was trained on (seen while it trained)",
            "the training text only: val_iter holds the held-out text the model is judged on",
            f"{leaked} of {len(rows)} training sequences taken from val_iter's text",
            "the model was trained on the held-out text (a training pass over val_iter, or a "
            "loader built on it): train on train_iter only, and only evaluate on val_iter",
        )


def _final_parameters():
    """Parameters of the models trained here, as their last step left them, by shape."""
    finals = {}
    for rec in list(recorder.PARAMS.values()):
        p = rec.ref()
        if p is not None and rec.steps and p._version == rec.version:
            finals.setdefault(tuple(p.shape), []).append(p)
    return finals


def require_final_weights(net, what):
    """A model no recorded step trained (a copy) must carry the weights that training left on a
    model of its shape trained here: a copy made after training passes, a copy kept from an
    earlier epoch does not. Judged only where such a model exists (none: nothing to compare)."""
    finals = _final_parameters()
    params = list(net.parameters())
    if not params or not all(tuple(p.shape) in finals for p in params):
        return

    def is_final(p):
        return any(
            q.device == p.device and q.dtype == p.dtype and torch.equal(q, p) for q in finals[tuple(p.shape)]
        )

    with torch.no_grad():
        kept = sum(not is_final(p) for p in params)
    if kept:
        fail(
            f"the weights of {what}",
            "those the last training step left: the exercise judges the model as its training ends",
            f"{kept} of {len(params)} parameter tensors equal to no trained model's final weights, "
            "though a model of the same shape was trained here",
            "a copy kept from an earlier epoch (e.g. the one with the lowest perplexity on val_iter, "
            "text reserved for judging the models): keep the model as its last epoch leaves it",
        )


def require_as_trained(net, what):
    """``net`` carries the weights its last training step left (trained here), or a copy of a
    trained model's final weights."""
    if trained_here(net):
        require_untouched_between_steps(net, what)
    else:
        require_final_weights(net, what)


def require_procedure(
    nets, theta=None, carried=False, own_optimizers=True, optimizer=None, texts=None, side_by_side=False
):
    """The procedure properties for the trained models ``nets`` (label -> model); ``optimizer``
    (kind, lr) when the text fixes it, ``texts`` (train_iter, val_iter) to require training on
    the training text only, ``side_by_side`` when the text trains the models one epoch of each in
    turn for the same number of epochs."""
    if own_optimizers and len(nets) > 1:
        require_own_optimizers(nets)
    if side_by_side:
        require_side_by_side(nets)
    for label, net in nets.items():
        require_as_trained(net, label)
        if not trained_here(net):
            continue
        require_train_mode(net, label)
        if theta is not None:
            require_clipped(net, label, theta)
        if carried:
            require_carried_state(net, label)
        if optimizer is not None:
            require_optimizer(net, label, *optimizer)
        if texts is not None:
            require_trained_on(net, label, *texts)
