"""The training procedure, seen while it runs: a recorder on PyTorch's global hooks.

What a correct procedure must do is judged from these records in ``procedure``.

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
- ``register_module_forward_pre_hook`` also counts a recurrent layer's calls on a PackedSequence;
- ``register_module_forward_hook``: a tensor hook on the output, so a forward counts only when a
  backward went through it and a step of an optimizer holding its parameters followed (an
  evaluation with gradients on, or a timed forward and backward without a step, is not training).

Hooks never raise into learner code; the bookkeeping costs a few small tensor operations per
step (measured: see ``OVERHEAD`` below).
"""

import collections
import itertools
import weakref

import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence
from torch.nn.modules.module import register_module_forward_hook, register_module_forward_pre_hook
from torch.optim.optimizer import register_optimizer_step_post_hook, register_optimizer_step_pre_hook


# Cost, measured (2026-12-07, CPU, 1 thread, load 7.8): 2 epochs of an nn.GRU(28, 256) language model
# on the set-6 data, 4 runs each, alternating: 1.17-1.59 s with the recorder, 1.23-1.49 s without
# (medians 1.23 and 1.33 s): below the noise of this shared machine.
OVERHEAD = "below the run-to-run noise (1.17-1.59 s with, 1.23-1.49 s without, 2 epochs)"


class _Param:
    """What the recorder knows of one parameter tensor."""

    __slots__ = (
        "ref",
        "serial",
        "initial",
        "version",
        "steps",
        "credited",
        "touched",
        "idle_moves",
        "optimizers",
        "__weakref__",
    )

    def __init__(self, p):
        self.ref, self.serial, self.credited = weakref.ref(p), next(_SERIALS), 0
        self.initial = p.detach().clone()  # its value before its first step
        self.version, self.steps, self.touched, self.idle_moves = None, 0, 0, 0
        self.optimizers = set()  # its optimizers' records, kept after an optimizer is dropped


class _Optimizer:
    __slots__ = ("steps", "max_norm", "param_ids", "settings", "idle", "__weakref__")

    def __init__(self):
        self.steps, self.max_norm, self.param_ids, self.settings = 0, None, set(), set()
        self.idle = []  # this step's parameters without a gradient: (parameter, version, value or None)


PARAMS = {}  # id(parameter) -> _Param
OPTIMIZERS = weakref.WeakKeyDictionary()  # optimizer -> _Optimizer
OPT_RECORDS = weakref.WeakValueDictionary()  # id(_Optimizer) -> _Optimizer (for lookups)
LAYERS = weakref.WeakKeyDictionary()  # recurrent layer -> {"train": [n, eval n], "zero": [n, zero n]}
PENDING = weakref.WeakKeyDictionary()  # watched module -> [_Forward] since its last step
TOKENS = weakref.WeakKeyDictionary()  # model -> first TOKEN_SPAN ids of every training row
PACKED = weakref.WeakKeyDictionary()  # recurrent layer -> calls with a PackedSequence
EVALS = weakref.WeakKeyDictionary()  # trained classifier -> (steps so far, first ids) per evaluated row
MAX_EVAL_ROWS = 50_000  # per model: a few MB at most (set 11 evaluates a few thousand rows)
TOKEN_SPAN = 8  # an 8-character piece locates a row in a 10,000-character text
_HANDLES = []
# (id(_Optimizer), serial of the parameter record the step is credited to) of the latest steps,
# in order: which model a step trained, even when one optimizer holds several models. Bounded,
# so a long session keeps the recent order; each record counts its credited steps in full (a
# full list once made the step counts of models trained after it disagree). Serials, unlike
# id(), are never reused by a later parameter.
MAX_STEP_ORDER = 1_000_000
STEP_ORDER = collections.deque(maxlen=MAX_STEP_ORDER)
_SERIALS = itertools.count()


def _param_record(p):
    rec = PARAMS.get(id(p))
    if rec is None or rec.ref() is not p:
        rec = PARAMS[id(p)] = _Param(p)
    return rec


def _params_of(optimizer):
    return [p for group in optimizer.param_groups for p in group["params"]]


def _pre_step(optimizer, args, kwargs):
    try:
        orec = OPTIMIZERS.get(optimizer)
        if orec is None:
            orec = OPTIMIZERS[optimizer] = _Optimizer()
            OPT_RECORDS[id(orec)] = orec
        params = _params_of(optimizer)
        grads = [p.grad.detach() for p in params if p.grad is not None]
        if grads:
            norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
            orec.max_norm = norm if orec.max_norm is None else torch.maximum(orec.max_norm, norm)
        orec.steps += 1
        # a parameter with no gradient (None, or zeros) must not move in this step: one optimizer
        # may hold several models only if a step on one model's loss leaves the others alone
        idle = [_idle(p) for p in params]
        orec.idle = [
            (p, p._version, None if p.grad is None else p.detach().clone()) for p, i in zip(params, idle) if i
        ]
        # credited to the first parameter with a gradient that is not zero; a step whose
        # gradients are all zero (clipping scales an infinite norm to 0) to the first with one,
        # so every step of a model's own optimizer counts for that model
        lead = next((p for p, i in zip(params, idle) if not i), None)
        lead = lead if lead is not None else next((p for p in params if p.grad is not None), None)
        lead = lead if lead is not None else (params[0] if params else None)
        if lead is not None:
            credited = _param_record(lead)
            credited.credited += 1
            STEP_ORDER.append((id(orec), credited.serial))
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


def _idle(p):
    return p.grad is None or not bool(p.grad.any())


def _post_step(optimizer, args, kwargs):
    try:
        for p in _params_of(optimizer):
            rec = _param_record(p)
            rec.version, rec.steps = p._version, rec.steps + 1
        orec = OPTIMIZERS.get(optimizer)
        for p, version, before in orec.idle if orec is not None else ():
            if p._version != version and (before is None or not torch.equal(p.detach(), before)):
                _param_record(p).idle_moves += 1
        if orec is not None:
            orec.idle = []
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
    for module in list(PENDING.keys()):
        if not any(id(p) in param_ids for p in module.parameters()):
            continue
        counts = LAYERS.setdefault(module, {"train": [0, 0], "zero": [0, 0]})
        for f in PENDING.pop(module):
            if not f.used:
                continue
            if f.rows is not None:
                TOKENS.setdefault(module, []).extend(f.rows)
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
    rec = PARAMS.get(id(p)) if p is not None else None
    if rec is None or rec.ref() is not p or not rec.steps:
        return
    seen = EVALS.setdefault(module, [])
    if len(seen) < MAX_EVAL_ROWS:
        seen.extend((rec.steps, tuple(r)) for r in X[:, :TOKEN_SPAN].tolist())


def _forward(module, args):
    try:
        X = args[0] if args else None
        if isinstance(X, PackedSequence) and isinstance(module, nn.RNNBase):
            PACKED[module] = PACKED.get(module, 0) + 1
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
        PENDING.setdefault(module, []).append(_Forward(module.training, layer, zero, rows))
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
        pending = PENDING.get(module)
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


def installed():
    """Whether the hooks are on (a check judges the records only then)."""
    return bool(_HANDLES)


def uninstall():
    """Remove the hooks (for measuring their cost; the checks then have no record to judge)."""
    while _HANDLES:
        _HANDLES.pop().remove()


install()


def records(net):
    return [rec for p in net.parameters() if (rec := PARAMS.get(id(p))) is not None and rec.ref() is p]


def optimizers_of(net):
    recs = {}
    for rec in records(net):
        for orec in rec.optimizers:
            recs[id(orec)] = orec
    return list(recs.values())


def trained_here(net):
    """Whether the recorder saw ``net``'s parameters stepped (False for a copy made after training:
    the checks below then have nothing to judge and pass)."""
    return any(rec.steps for rec in records(net))


def initial_weights(net):
    """{name: the value before the first training step} for ``net``'s recorded parameters."""
    out = {}
    for name, p in net.named_parameters():
        rec = PARAMS.get(id(p))
        if rec is not None and rec.ref() is p and rec.steps:
            out[name] = rec.initial
    return out
