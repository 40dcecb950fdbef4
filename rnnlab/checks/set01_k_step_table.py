"""Check of exercise set 1, exercise 4: the table of held-out k-step errors.

The exercise asks for a table (and a plot) of the mean squared error of each model's k-step
predictions against k, on the held-out start times. It names no variable, so the check looks
through the notebook's variables for the numbers, whatever container holds them (a dict of
lists, a tensor, an array, a DataFrame), and compares them with the errors it recomputes from
the trained models and the series.
"""

import math
import numbers
import re

import weakref

import torch

from . import recorder
from .core import fail, passed

MAX_K = 64
RTOL = 2e-3  # float32 on the learner's device against float64 here
MAX_DEPTH = 3
# A sequence longer than this is a table over consecutive k from k = 1 (its position is its k);
# shorter ones may be a selection of k, as a printed table shows (1, 2, 4, 8, 16, 32, 64).
SELECTION_MAX = 16
# a variable or key that names the repeat-last baseline ("repeat last", "persistence", "last
# value"); not "baseline" or "naive", which may name another baseline a learner adds
BASELINE_NAME = re.compile(r"repeat|persist|last[ _-]?(?:obs|val)", re.I)


# The training steps each model had when check_beats_naive judged it: exercise 4 compares the
# models as exercise 2 left them, trained on the training windows only.
_JUDGED_STEPS = weakref.WeakKeyDictionary()


def _steps(net):
    return max((rec.steps for rec in recorder.records(net)), default=0)


def remember_judged(net):
    """Called by check_beats_naive on the model it passed."""
    _JUDGED_STEPS[net] = _steps(net)


def require_not_trained_since_judged(net, what):
    """``net`` has had no training step since check_beats_naive judged it (when it did)."""
    if net not in _JUDGED_STEPS:
        return
    more = _steps(net) - _JUDGED_STEPS[net]
    if more > 0:
        fail(
            f"the {what} model, against the one exercise 2's check judged",
            "the same weights: the comparison uses the models trained on the training windows only",
            f"{more} more training steps since that check",
            "the model was trained again before the comparison (a final fit on every window, the "
            "held-out start times included, or its training cell run again): its held-out errors "
            "then come from windows it was trained on; compare the models as exercise 2 left them",
        )


def _predict(net, x, tau, k):
    """(T - tau, k) k-step predictions of ``net`` in float64 on the CPU for every start time
    that has a target: entry [i, j] predicts x[i + tau + j] from x[i:i + tau], the predictions
    fed back (entries whose target lies past the series are computed but never scored)."""
    device = next(net.parameters()).device
    n = len(x) - tau
    window = torch.stack([x[i : i + n] for i in range(tau)], dim=1)
    preds = []
    was_training = net.training
    net.eval()
    try:
        with torch.no_grad():
            for _ in range(k):
                y = net(window.float().to(device)).reshape(n).double().cpu()
                preds.append(y)
                window = torch.cat([window[:, 1:], y.reshape(n, 1)], dim=1)
    finally:
        net.train(was_training)
    return torch.stack(preds, dim=1)


def _curves(preds, x, tau, rows_of, shift=0):
    """Mean squared error per column j over the start times ``rows_of(j)``, target
    x[i + tau + j + shift] (rows whose target lies outside the series are dropped)."""
    out = []
    for j in range(preds.shape[1]):
        rows = rows_of(j)
        rows = rows[(rows + tau + j + shift < len(x)) & (rows + tau + j + shift >= 0)]
        out.append(float(((preds[rows, j] - x[rows + tau + j + shift]) ** 2).mean()))
    return out


def _vectors(value, name, depth=0):
    """(name, list of floats) for every numeric sequence inside ``value``."""
    if depth > MAX_DEPTH:
        return
    if hasattr(value, "to_numpy") and hasattr(value, "columns"):  # a pandas DataFrame
        for col in value.columns:
            yield from _vectors(value[col].to_numpy(), f"{name}[{col!r}]", depth + 1)
        yield from _vectors(value.to_numpy(), name, depth + 1)
        return
    if hasattr(value, "to_numpy") and not isinstance(value, torch.Tensor):  # a pandas Series
        value = value.to_numpy()
    if type(value).__module__ == "numpy" and hasattr(value, "ndim"):
        value = torch.as_tensor(value) if value.dtype.kind in "fiu" else None
    if isinstance(value, torch.Tensor):
        t = value.detach().double().cpu()
        if t.dim() == 1 and t.numel() >= 2:
            yield name, t.tolist()
        elif t.dim() == 2:
            for i in range(min(t.shape[0], 200)):
                yield f"{name}[{i}]", t[i].tolist()
            for j in range(min(t.shape[1], 200)):
                yield f"{name}[:, {j}]", t[:, j].tolist()
        return
    if isinstance(value, dict):
        items = list(value.items())[:200]
        for key, v in items:
            yield from _vectors(v, f"{name}[{key!r}]", depth + 1)
        nums = [_number(v) for _, v in items]
        if len(nums) >= 2 and all(v is not None for v in nums):  # {k: error}
            yield name, nums
        return
    if isinstance(value, (list, tuple)) and value:
        nums = [_number(v) for v in value[:200]]
        if len(nums) >= 2 and all(v is not None for v in nums):
            yield name, nums
        else:
            for i, v in enumerate(value[:200]):
                yield from _vectors(v, f"{name}[{i}]", depth + 1)


def _number(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, numbers.Real):
        return float(v)
    if isinstance(v, torch.Tensor) and v.numel() == 1:
        return float(v)
    if type(v).__module__ == "numpy" and getattr(v, "shape", None) == ():
        return float(v)
    return None


def _matches(vector, curve, rtol=RTOL):
    """The vector holds the curve: its values from k = 1 on (all of it, or the first ones), or,
    when short, its values at a selection of increasing k (a printed table)."""
    if len(vector) < 4 or len(vector) > len(curve):
        return False
    close = lambda a, b: math.isfinite(a) and abs(a - b) <= rtol * abs(b) + 1e-9
    if len(vector) > SELECTION_MAX:  # position j holds k = j + 1
        return all(close(a, b) for a, b in zip(vector, curve))
    j = 0
    for a in vector:
        while j < len(curve) and not close(a, curve[j]):
            j += 1
        if j == len(curve):
            return False
        j += 1
    return True


def check_k_step_table(namespace, models, x, tau, n_train, max_k=MAX_K):
    """The notebook's variables (``namespace``, e.g. ``globals()``) hold, for each trained model
    in ``models`` ({name: net}), its mean squared error of the k-step predictions for k = 1 ..
    ``max_k`` over the held-out start times (i >= ``n_train``).

    Properties every correct solution has: entry [i, j] of the k-step predictions is scored
    against x[i + tau + j]; only start times i >= n_train enter the mean; the numbers are kept
    in some variable (dict, list, tensor, array or DataFrame; all k or a selection of them). The
    rows may be those of one k = max_k run or of one run per k (more start times for small k);
    both are accepted. Where the variable names its entries after the models (keys, columns,
    variable names), a model's errors sit under its own name, not under another model's. Where a
    variable names the repeat-last baseline the text asks for ("repeat last", "persistence"), it
    holds x[i + tau - 1] predicted for every k, scored on the same start times (it never sees the
    value it predicts). A model exercise 2's check judged is compared as that check saw it (not
    trained further, e.g. on every window, held-out start times included)."""
    x = torch.as_tensor(x).detach().double().cpu().reshape(-1)
    found = list(_vectors({k: v for k, v in namespace.items() if not k.startswith("_")}, "", 0))
    found = [(name.lstrip("["), v) for name, v in found]
    T = len(x)
    one_run = lambda j: torch.arange(n_train, T - tau - max_k + 1)  # one run with k = max_k
    per_k = lambda j: torch.arange(n_train, T - tau - j)  # a run per k: more start times
    for label, net in models.items():
        require_not_trained_since_judged(net, label)
        preds = _predict(net, x, tau, max_k)
        wants = [_curves(preds, x, tau, one_run), _curves(preds, x, tau, per_k)]
        matched = [name for want in wants for name, v in found if _matches(v, want)]
        others = [other.lower() for other in models if other.lower() != label.lower()]
        if matched and all(
            label.lower() not in name.lower() and any(o in name.lower() for o in others) for name in matched
        ):
            fail(
                f"the held-out mean squared error of the {label} model's k-step predictions in "
                "the notebook's variables",
                f"under the {label} model's name (the table's labels name the models)",
                f"found only under {', '.join(matched[:3])}, the name of another model",
                "the models and their names are paired in another order: zip each name with its own model",
            )
        if matched:
            continue
        every = lambda j: torch.arange(0, T - tau - max_k + 1)
        wrong = {
            "every start time, training windows included": _curves(preds, x, tau, every),
            "the target one step too far (x[i + tau + j + 1])": _curves(preds, x, tau, one_run, shift=1),
            "the target one step too early (x[i + tau + j - 1])": _curves(preds, x, tau, one_run, shift=-1),
            "only the training start times (i < n_train)": _curves(
                preds, x, tau, lambda j: torch.arange(0, n_train)
            ),
        }
        hits = [  # a diagnosis only: close (2%), whatever the learner did with the last rows
            (name, why) for why, curve in wrong.items() for name, v in found if _matches(v, curve, rtol=0.02)
        ]
        fail(
            f"the held-out mean squared error of the {label} model's k-step predictions, k = 1 .. "
            f"{max_k}, in the notebook's variables",
            "in some variable (dict, list, tensor, array or DataFrame): the error over the start times "
            f"i >= {n_train}, entry [i, j] scored against x[i + tau + j]",
            f"{hits[0][0]} looks like the error over {hits[0][1]}"
            if hits
            else f"none of the {len(found)} numeric sequences in the notebook's variables",
            "average over the held-out start times only (rows i >= n_train), with the target of entry "
            "[i, j] at x[i + tau + j]"
            if hits
            else "keep the table in a variable (e.g. a dict of one list per model); compute the "
            "errors on the rows i >= n_train of k_step_predictions(net, x, tau, 64) against "
            "targets built in the same layout",
        )
    # the baseline the text puts next to the models: x[i + tau - 1] predicted for every k. The
    # text does not say where to keep it, so only sequences named after it are held to it.
    base = x[tau - 1 : T - 1].reshape(-1, 1).expand(-1, max_k)
    named = [(name, v) for name, v in found if BASELINE_NAME.search(name) and len(v) >= 4]
    curves = [_curves(base, x, tau, rows) for rows in (one_run, per_k)]
    wrong = [name for name, v in named if not any(_matches(v, curve) for curve in curves)]
    if named and len(wrong) == len(named):
        peeks = x[tau:T].reshape(-1, 1).expand(-1, max_k)  # the first target, not the last observation
        peeking = any(_matches(v, _curves(peeks, x, tau, one_run), rtol=0.02) for _, v in named)
        fail(
            f"the repeat-last baseline's held-out mean squared error, k = 1 .. {max_k}, in {wrong[0]}",
            "the last observation x[i + tau - 1] predicted for every k, scored on the start times "
            f"i >= {n_train} like the models",
            "errors of a baseline that repeats x[i + tau], the first target"
            if peeking
            else "other numbers (recomputed here from the series)",
            "the baseline repeats the newest value of the window, x[i + tau - 1]: it must not see the "
            "value it predicts"
            if peeking
            else "score the baseline on the same start times and targets as the models",
        )
    passed(
        f"k-step table: the held-out mean squared errors of {', '.join(models)} for k up to {max_k} "
        f"(start times i >= {n_train}) found in the notebook's variables, equal to the errors "
        "recomputed here from the trained models"
    )
