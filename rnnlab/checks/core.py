"""Exercise checks: each verifies a learner's code and says exactly what is wrong.

Conventions (the grader relies on them):
- a check that passes prints one line starting with ``PASSED`` and saying what was verified;
- a check that fails raises ``CheckFailed`` whose message says what was expected,
  what came instead, and the likely mistake;
- a stub left unimplemented raises ``NotImplementedError``, reported as "not attempted".
Check cells are tagged ``check`` in the notebooks.
"""

import torch

PASS_PREFIX = "PASSED"


class CheckFailed(AssertionError):
    """An exercise check failed; the message teaches."""


def passed(what):
    """Report a passed check (one line)."""
    print(f"{PASS_PREFIX}: {what}")


def fail(what, expected, got, cause=None):
    """Raise ``CheckFailed`` with the house format: expected, got, likely cause."""
    lines = [f"{what}", f"  expected: {expected}", f"  got:      {got}"]
    if cause:
        lines.append(f"  likely cause: {cause}")
    raise CheckFailed("\n".join(lines))


def describe(x):
    """Short description of a value for messages: shape and dtype for tensors, tuples elementwise."""
    if isinstance(x, torch.Tensor):
        return f"tensor of shape {tuple(x.shape)} ({x.dtype})"
    if isinstance(x, tuple):
        return "tuple(" + ", ".join(describe(v) for v in x) + ")"
    return f"{type(x).__name__} {x!r}"[:200]


# --- hardening: fresh inputs per call, no torch.nn recurrence inside a scratch layer ----------


def fresh_generator():
    """A torch.Generator with a new seed on every call: check inputs differ from run to run, so
    no constant can match them (and the global RNG of the learner's session is left alone)."""
    import secrets

    return torch.Generator().manual_seed(secrets.randbits(62))


def fresh_rng():
    """The NumPy counterpart of ``fresh_generator``."""
    import secrets

    import numpy as np

    return np.random.default_rng(secrets.randbits(62))


RECURRENT_OPS = (
    "rnn_tanh",
    "rnn_relu",
    "gru",
    "lstm",
    "rnn_tanh_cell",
    "rnn_relu_cell",
    "gru_cell",
    "lstm_cell",
)


def torch_recurrent_modules(module):
    """Names of the torch.nn recurrent modules (nn.RNN/GRU/LSTM and their *Cell) inside ``module``."""
    from torch import nn

    kinds = (nn.RNNBase, nn.RNNCellBase)
    return [
        f"{name or '(the layer itself)'}: nn.{type(m).__name__}"
        for name, m in module.named_modules()
        if isinstance(m, kinds)
    ]


def reject_torch_recurrence(module, what):
    """Fail when a from-scratch ``module`` holds a torch.nn recurrent module anywhere inside."""
    found = torch_recurrent_modules(module)
    if found:
        fail(
            f"the modules inside {what}",
            "a layer written from scratch (parameters and tensor operations)",
            ", ".join(found),
            "a from-scratch layer must not wrap nn.RNN / nn.GRU / nn.LSTM or their "
            "*Cell versions: compute the gates yourself from your own nn.Parameter tensors",
        )


# Operator names (at torch's function level and at the dispatcher) that belong to the fused
# recurrent kernels: the composite ones (rnn_tanh, gru, lstm and the cells) and the backends
# they may run on (oneDNN on CPU, cuDNN / MIOpen on GPUs, the fused cell kernels).
FUSED_KERNEL_MARKS = (
    "rnn_tanh",
    "rnn_relu",
    "gru",
    "lstm",
    "mkldnn_rnn",
    "cudnn_rnn",
    "miopen_rnn",
    "_thnn_fused",
)


def _is_fused(name):
    return any(mark in name for mark in FUSED_KERNEL_MARKS)


class recurrence_spy:
    """Context manager that records every fused recurrent kernel (what nn.RNN, nn.GRU, nn.LSTM and
    their cells run) executed while a scratch layer computes, whatever route reached it.

    Two of torch's own interception points watch together: a function mode sees every torch
    function call, ``torch._VF.gru`` included, even through a reference taken long before the
    check started (the interception happens inside the call, not by replacing attributes); a
    dispatch mode sees the kernels below autograd, where oneDNN's or cuDNN's fused layers
    appear even when a composite op was decomposed above them."""

    def __enter__(self):
        from torch.overrides import TorchFunctionMode
        from torch.utils._python_dispatch import TorchDispatchMode

        calls = self.calls = []

        class FunctionSpy(TorchFunctionMode):
            def __torch_function__(self, func, types, args=(), kwargs=None):
                name = getattr(func, "__name__", "")
                if _is_fused(name):
                    calls.append(name)
                return func(*args, **(kwargs or {}))

        class DispatchSpy(TorchDispatchMode):
            def __torch_dispatch__(self, func, types, args=(), kwargs=None):
                name = func.name()
                if _is_fused(name):
                    calls.append(name)
                return func(*args, **(kwargs or {}))

        self._modes = [FunctionSpy(), DispatchSpy()]
        for mode in self._modes:
            mode.__enter__()
        return self

    def __exit__(self, *exc):
        for mode in reversed(self._modes):
            mode.__exit__(*exc)
        return False

    def reject(self, what):
        if self.calls:
            fail(
                f"what {what} runs",
                "its own tensor operations (a layer written from scratch)",
                f"torch's fused kernel(s) {sorted(set(self.calls))}",
                "a from-scratch layer must not call nn.RNN / nn.GRU / nn.LSTM, their cells or "
                "torch._VF (not even through a reference kept from __init__): compute the gates "
                "yourself from your own parameters",
            )


def call(fn, *args, what=None, cause=None, **kwargs):
    """Run the learner's ``fn``; an exception from it (other than the stub's NotImplementedError)
    becomes a ``CheckFailed`` that names it, so a crash reads like any other failed check."""
    try:
        return fn(*args, **kwargs)
    except (NotImplementedError, CheckFailed):
        raise
    except Exception as err:  # noqa: BLE001 - the learner's code may raise anything
        name = what or f"{getattr(fn, '__name__', type(fn).__name__)}(...)"
        fail(
            f"running {name}",
            "a result",
            f"{type(err).__name__}: {err}"[:300],
            cause or "read the error above; the traceback of the learner's code is attached",
        )


def relative_error(got, want):
    """|got - want| / max(|want|, tiny), for messages that must not print ``want`` itself."""
    return abs(float(got) - float(want)) / max(abs(float(want)), 1e-12)


TOL = 1e-5  # float32 results against a reference on the same inputs: rounding stays far below


def max_abs_diff(a, b):
    """The largest |a - b| over all entries, computed in float64 (inf when a is not finite)."""
    a, b = torch.as_tensor(a).detach(), torch.as_tensor(b).detach()
    if not bool(torch.isfinite(a).all()):
        return float("inf")
    return float((a.double() - b.double()).abs().max()) if a.numel() else 0.0


def close(a, b, tol=TOL):
    """Same shape and within ``tol`` of ``b`` in every entry (absolute; a non-finite ``a`` never
    is); tuples and lists (a layer's state) entry by entry."""
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (
            isinstance(a, (tuple, list))
            and isinstance(b, (tuple, list))
            and len(a) == len(b)
            and all(close(x, y, tol) for x, y in zip(a, b))
        )
    return (
        isinstance(a, torch.Tensor)
        and isinstance(b, torch.Tensor)
        and a.shape == b.shape
        and max_abs_diff(a, b) <= tol
    )


def first_cause(causes, evidence):
    """The message of the first ``(condition, message)`` pair whose condition holds for ``evidence``.

    The checks write their "likely cause" chains as such tables, tried in order, the most specific
    mistake first; a table usually ends with an always-true pair (the general advice)."""
    for condition, message in causes:
        if condition(evidence):
            return message
    return None
