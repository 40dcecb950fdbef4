"""The training procedure, seen while it runs: a recorder on PyTorch's global hooks.

Exercises that train inline (sets 6-8: the learner writes the loop in a cell) hand only the
trained models to a check, and several wrong procedures leave no trace in a model's weights. The
recorder is installed when ``rnnlab.checks`` is imported (the notebook's setup cell, before any
learner cell runs) and watches every training step through PyTorch's official global hooks, so
every coding style (``rnnlab.train_epoch``, an own loop, ``clip_grad_norm_`` or
``rnnlab.grad_clipping``, any optimizer) is seen the same way:

- ``register_optimizer_step_pre_hook``: before each step, the global norm of the gradients the
  step uses, which parameters it steps (so which models share an optimizer), the parameters'
  values before their first step (the initial weights), and whether a parameter was changed
  since its previous step by anything but an optimizer (``Tensor._version``);
- ``register_optimizer_step_post_hook``: each parameter's version after its last step, so a
  check can tell whether the model it is handed still carries the weights its training left;
- ``register_optimizer_step_pre_hook`` also records the optimizer's kind and learning rate;
- ``register_module_forward_pre_hook``: for recurrent layers called with gradients enabled, the
  training flag (dropout on) and whether the state they receive is all zeros; for language models
  fed token ids and classifiers called as ``net(X, lengths)``, the first tokens of every row (where
  the training text came from), and, for a classifier already stepped, those of every row it
  evaluates with gradients off (which text it was measured on while it trained);
- ``register_module_forward_hook``: a tensor hook on the output, so a forward counts only when a
  backward went through it and a step of an optimizer holding its parameters followed (an
  evaluation with gradients on, or a timed forward and backward without a step, is not training).

Hooks never raise into learner code; the bookkeeping costs a few small tensor operations per
step (measured: see ``OVERHEAD`` below).
"""

import weakref

import torch
from torch import nn
from torch.nn.modules.module import register_module_forward_hook, register_module_forward_pre_hook
from torch.optim.optimizer import register_optimizer_step_post_hook, register_optimizer_step_pre_hook

from .core import fail

# Cost, measured (2026-12-07, CPU, 1 thread, load 7.8): 2 epochs of an nn.GRU(28, 256) language model
# on the set-6 data, 4 runs each, alternating: 1.17-1.59 s with the recorder, 1.23-1.49 s without
# (medians 1.23 and 1.33 s): below the noise of this shared machine.
OVERHEAD = "below the run-to-run noise (1.17-1.59 s with, 1.23-1.49 s without, 2 epochs)"
CLIP_SLACK = 1e-5  # relative float noise of a norm recomputed after a global rescale
ZERO_STATE_SHARE = 0.5  # a carried state starts from zeros once per epoch: 1 in 8 to 16 minibatches


class _Param:
    """What the recorder knows of one parameter tensor."""

    __slots__ = ("ref", "initial", "version", "steps", "touched", "optimizers", "__weakref__")

    def __init__(self, p):
        self.ref = weakref.ref(p)
        self.initial = p.detach().clone()  # its value before its first step
        self.version, self.steps, self.touched = None, 0, 0
        self.optimizers = weakref.WeakSet()


class _Optimizer:
    __slots__ = ("steps", "max_norm", "param_ids", "settings", "__weakref__")

    def __init__(self):
        self.steps, self.max_norm, self.param_ids, self.settings = 0, None, set(), set()


_PARAMS = {}  # id(parameter) -> _Param
_OPTIMIZERS = weakref.WeakKeyDictionary()  # optimizer -> _Optimizer
_OPT_RECORDS = weakref.WeakValueDictionary()  # id(_Optimizer) -> _Optimizer (for lookups)
_LAYERS = weakref.WeakKeyDictionary()  # recurrent layer -> {"train": [n, eval n], "zero": [n, zero n]}
_PENDING = weakref.WeakKeyDictionary()  # watched module -> [_Forward] since its last step
_TOKENS = weakref.WeakKeyDictionary()  # model -> first TOKEN_SPAN ids of every training row
_EVALS = weakref.WeakKeyDictionary()  # trained classifier -> (steps so far, first ids) per evaluated row
MAX_EVAL_ROWS = 50_000  # per model: a few MB at most (set 11 evaluates a few thousand rows)
TOKEN_SPAN = 8  # an 8-character piece locates a row in a 10,000-character text
_HANDLES = []
_STEP_ORDER = []  # id(_Optimizer) of every step, in order (side by side or one after the other)
MAX_STEP_ORDER = 1_000_000


def _param_record(p):
    rec = _PARAMS.get(id(p))
    if rec is None or rec.ref() is not p:
        rec = _PARAMS[id(p)] = _Param(p)
    return rec


def _params_of(optimizer):
    return [p for group in optimizer.param_groups for p in group["params"]]


def _pre_step(optimizer, args, kwargs):
    try:
        orec = _OPTIMIZERS.get(optimizer)
        if orec is None:
            orec = _OPTIMIZERS[optimizer] = _Optimizer()
            _OPT_RECORDS[id(orec)] = orec
        params = _params_of(optimizer)
        grads = [p.grad.detach() for p in params if p.grad is not None]
        if grads:
            norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
            orec.max_norm = norm if orec.max_norm is None else torch.maximum(orec.max_norm, norm)
        orec.steps += 1
        if len(_STEP_ORDER) < MAX_STEP_ORDER:
            _STEP_ORDER.append(id(orec))
        orec.settings |= {(type(optimizer).__name__, float(g["lr"])) for g in optimizer.param_groups}
        ids = {id(p) for p in params}
        orec.param_ids |= ids
        for p in params:
            rec = _param_record(p)
            if rec.version is not None and p._version != rec.version:
                rec.touched += 1  # changed since its previous step by something else
            rec.optimizers.add(orec)
        _credit_forwards(ids)
    except Exception:  # never break the learner's training
        pass


def _post_step(optimizer, args, kwargs):
    try:
        for p in _params_of(optimizer):
            rec = _param_record(p)
            rec.version, rec.steps = p._version, rec.steps + 1
    except Exception:
        pass


class _Forward:
    """One gradient-enabled forward of a watched module, waiting for a step to credit it."""

    __slots__ = ("training", "layer", "zero", "rows", "used")

    def __init__(self, training, layer, zero, rows):
        self.training, self.layer, self.zero, self.rows, self.used = training, layer, zero, rows, False

    def mark_used(self, grad):
        self.used = True  # backward reached this forward's output


def _credit_forwards(param_ids):
    """Forwards that a backward went through, of modules whose parameters this step updates,
    were training forwards; forwards no backward reached (an evaluation with gradients on) are
    dropped."""
    for module in list(_PENDING.keys()):
        if not any(id(p) in param_ids for p in module.parameters()):
            continue
        counts = _LAYERS.setdefault(module, {"train": [0, 0], "zero": [0, 0]})
        for f in _PENDING.pop(module):
            if not f.used:
                continue
            if f.rows is not None:
                _TOKENS.setdefault(module, []).extend(f.rows)
            if f.layer:
                counts["train"][0] += 1
                counts["train"][1] += not f.training
                counts["zero"][0] += f.zero is not None
                counts["zero"][1] += bool(f.zero)


def _is_zero(state):
    if state is None:
        return True
    if isinstance(state, (tuple, list)):
        return all(_is_zero(s) for s in state)
    if isinstance(state, torch.Tensor):
        return not bool(state.detach().any())
    return None


def _with_lengths(args):
    """Called as ``net(X, lengths)`` (set 11's passage classifier): a 1-d integer second argument."""
    L = args[1] if len(args) > 1 else None
    return isinstance(L, torch.Tensor) and L.dim() == 1 and not L.is_floating_point()


def _record_evaluation(module, X):
    """An evaluation (gradients off) of a classifier that has been trained: its rows' first tokens,
    stamped with the number of steps taken so far (so a check can tell evaluations made during
    training from its own, made after)."""
    p = next(module.parameters(), None)
    rec = _PARAMS.get(id(p)) if p is not None else None
    if rec is None or rec.ref() is not p or not rec.steps:
        return
    seen = _EVALS.setdefault(module, [])
    if len(seen) < MAX_EVAL_ROWS:
        seen.extend((rec.steps, tuple(r)) for r in X[:, :TOKEN_SPAN].tolist())


def _forward(module, args):
    try:
        X = args[0] if args else None
        tokens = isinstance(X, torch.Tensor) and X.dim() == 2 and not X.is_floating_point()
        tokens = tokens and X.shape[1] >= TOKEN_SPAN
        if not torch.is_grad_enabled():
            if tokens and _with_lengths(args):
                _record_evaluation(module, X)
            return
        rows = None
        if tokens and (hasattr(module, "begin_state") or _with_lengths(args)):
            rows = [tuple(r) for r in X[:, :TOKEN_SPAN].tolist()]
        layer = hasattr(module, "hidden_size") and (isinstance(module, nn.RNNBase) or len(args) >= 2)
        if rows is None and not layer:
            return
        zero = _is_zero(args[1] if len(args) > 1 else None) if layer else None
        _PENDING.setdefault(module, []).append(_Forward(module.training, layer, zero, rows))
    except Exception:
        pass


def _first_grad_tensor(output):
    if isinstance(output, torch.Tensor):
        return output if output.requires_grad else None
    if isinstance(output, (tuple, list)):
        for o in output:
            t = _first_grad_tensor(o)
            if t is not None:
                return t
    return None


def _forward_done(module, args, output):
    try:
        pending = _PENDING.get(module)
        if not pending or pending[-1].used:
            return
        out = _first_grad_tensor(output)
        if out is not None:
            out.register_hook(pending[-1].mark_used)
    except Exception:
        pass


def install():
    """Install the hooks once per process (idempotent)."""
    if _HANDLES:
        return
    _HANDLES.append(register_optimizer_step_pre_hook(_pre_step))
    _HANDLES.append(register_optimizer_step_post_hook(_post_step))
    _HANDLES.append(register_module_forward_pre_hook(_forward))
    _HANDLES.append(register_module_forward_hook(_forward_done))


def uninstall():
    """Remove the hooks (for measuring their cost; the checks then have no record to judge)."""
    while _HANDLES:
        _HANDLES.pop().remove()


install()


def _records(net):
    return [rec for p in net.parameters() if (rec := _PARAMS.get(id(p))) is not None and rec.ref() is p]


def _optimizers_of(net):
    recs = {}
    for rec in _records(net):
        for orec in rec.optimizers:
            recs[id(orec)] = orec
    return list(recs.values())


def trained_here(net):
    """Whether the recorder saw ``net``'s parameters stepped (False for a copy made after training:
    the checks below then have nothing to judge and pass)."""
    return any(rec.steps for rec in _records(net))


def require_clipped(net, what, theta):
    """Every optimizer step on ``net``'s parameters used gradients of global norm <= theta."""
    worst = max((float(o.max_norm) for o in _optimizers_of(net) if o.max_norm is not None), default=None)
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
    """label -> (optimizer steps on that model, stretches of consecutive steps on it)."""
    owner = {id(o): label for label, net in nets.items() for o in _optimizers_of(net)}
    steps, stretches, last = dict.fromkeys(nets, 0), dict.fromkeys(nets, 0), None
    for oid in _STEP_ORDER:
        label = owner.get(oid)
        if label is None:
            continue
        steps[label] += 1
        if label != last:
            stretches[label] += 1
        last = label
    return steps, stretches


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
    alone = [label for label, n in stretches.items() if n < 2 and steps[label] > 1]
    if alone:
        fail(
            f"the order in which {what} were trained",
            "side by side: one epoch of each in turn, so each model's training is interleaved with "
            "the others'",
            f"{alone[0]} trained in one stretch, while the others waited",
            "loop over the epochs outside and over the models inside",
        )


def require_own_optimizers(nets):
    """Each model in ``nets`` (label -> model) is stepped by optimizers of its own."""
    owner = {}
    for label, net in nets.items():
        for p in net.parameters():
            owner[id(p)] = label
    for label, net in nets.items():
        for orec in _optimizers_of(net):
            others = sorted({owner[i] for i in orec.param_ids if i in owner} - {label})
            if others:
                fail(
                    f"the optimizer that trains {label}",
                    "an optimizer of its own, holding only that model's parameters",
                    f"one optimizer holding the parameters of {label} and of {', '.join(others)}",
                    "build one optimizer per model, e.g. torch.optim.Adam(net.parameters(), ...) "
                    "for each: the exercise trains each model on its own",
                )


def require_untouched_between_steps(net, what):
    """Between two training steps and after the last one, only the optimizer changed the weights."""
    records = [rec for rec in _records(net) if rec.steps]
    touched = sum(rec.touched for rec in records)
    if touched:
        fail(
            f"the weights of {what} between its training steps",
            "changed by the optimizer's steps only, once training has started",
            f"{touched} time(s) a parameter was overwritten between two steps",
            "a setting applied again during training (e.g. set_forget_bias or load_state_dict in "
            "the loop): apply it once, before the first step, and let training change it",
        )
    later = [rec for rec in records if rec.ref() is not None and rec.ref()._version != rec.version]
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
        counts = _LAYERS.get(layer)
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
        counts = _LAYERS.get(layer)
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
    settings = set().union(*(o.settings for o in _optimizers_of(net)))
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
    return {tuple(ids[i : i + TOKEN_SPAN]) for i in range(len(ids) - TOKEN_SPAN + 1)}


LEAK_SHARE = 0.01  # rows of the validation text among the training rows; a correct run has none


def require_trained_on(net, what, train_iter, val_iter):
    """The minibatches ``net`` was trained on come from the training text, none from val_iter's."""
    rows = _TOKENS.get(net)
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


def initial_weights(net):
    """{name: the value before the first training step} for ``net``'s recorded parameters."""
    out = {}
    for name, p in net.named_parameters():
        rec = _PARAMS.get(id(p))
        if rec is not None and rec.ref() is p and rec.steps:
            out[name] = rec.initial
    return out


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
        if not trained_here(net):
            continue
        require_untouched_between_steps(net, label)
        require_train_mode(net, label)
        if theta is not None:
            require_clipped(net, label, theta)
        if carried:
            require_carried_state(net, label)
        if optimizer is not None:
            require_optimizer(net, label, *optimizer)
        if texts is not None:
            require_trained_on(net, label, *texts)
