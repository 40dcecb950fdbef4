"""Quick mode (``RNNLAB_QUICK=1``): the helper shortens work so CI re-executes the book fast.

Notebook code never branches on it; the helpers below cap what they are given and say so once.
"""

import os

QUICK_ENV = "RNNLAB_QUICK"
QUICK_MAX_EPOCHS = 30
QUICK_MAX_TOKENS = 10000

_announced = set()


def is_quick() -> bool:
    """True when ``RNNLAB_QUICK`` is set to anything but empty, 0, false or no."""
    return os.environ.get(QUICK_ENV, "").strip().lower() not in ("", "0", "false", "no")


def announce(what: str) -> None:
    """Print once per run that quick mode shortened ``what`` (helpers call it, notebooks never)."""
    if what not in _announced:
        _announced.add(what)
        print(f"[rnnlab quick mode: {what}; unset {QUICK_ENV} for the full run]")


def cap_epochs(num_epochs: int, quick_max: int = QUICK_MAX_EPOCHS) -> int:
    """``num_epochs``, or at most ``quick_max`` in quick mode (an epoch of a large dataset can
    pass a lower ``quick_max``)."""
    if is_quick() and num_epochs > quick_max:
        announce(f"at most {quick_max} epochs")
        return quick_max
    return num_epochs


def cap_tokens(max_tokens):
    """``max_tokens`` (-1 or 0: all), or fewer in quick mode."""
    if is_quick() and (max_tokens <= 0 or max_tokens > QUICK_MAX_TOKENS):
        announce(f"at most {QUICK_MAX_TOKENS} tokens per corpus")
        return QUICK_MAX_TOKENS
    return max_tokens
