"""Scratch layers: torch's recurrent layers and kernels are out of their reach.

``run_scratch`` runs a layer with torch's recurrent kernels disabled (the dispatcher-level
record of ``core.recurrence_spy`` is the stricter test; this one names the cause).
"""

import contextlib

import torch

from .core import RECURRENT_OPS, fail


class _UsedTorchRecurrence(RuntimeError):
    pass


@contextlib.contextmanager
def no_torch_recurrence():
    """Inside: torch's recurrent kernels raise, so a scratch layer cannot call them."""
    from torch import _VF

    def blocked(*args, **kwargs):
        raise _UsedTorchRecurrence("torch's recurrent kernel was called")

    saved = []
    for owner in (_VF, torch):
        for name in RECURRENT_OPS:
            if hasattr(owner, name):
                saved.append((owner, name, getattr(owner, name)))
                setattr(owner, name, blocked)
    try:
        yield
    finally:
        for owner, name, fn in saved:
            setattr(owner, name, fn)


def run_scratch(layer, inputs, state, what):
    """``layer(inputs, state)`` with torch's recurrent kernels disabled."""
    try:
        with no_torch_recurrence():
            return layer(inputs, state)
    except _UsedTorchRecurrence:
        fail(
            f"what {what} calls",
            "only tensor operations",
            "a torch recurrent kernel (nn.RNN / nn.GRU / nn.LSTM or a cell, created inside forward)",
            "a from-scratch layer may not call torch.nn's recurrent layers: write the loop",
        )
