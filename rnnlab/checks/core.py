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
