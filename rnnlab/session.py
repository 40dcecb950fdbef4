"""The setup line every notebook starts with: device, seed and where the corpora come from."""

import os

import torch

from .corpora import CACHE_ENV, DATA_ENV
from .quick import QUICK_ENV, is_quick
from .train import seed as seed_everything
from .train import try_gpu


def data_location():
    """Where corpora are read from, said without this machine's home path."""
    if os.environ.get(DATA_ENV):
        return f"${DATA_ENV}"
    if os.environ.get(CACHE_ENV):
        return f"${CACHE_ENV} (downloaded on first use)"
    return "~/.cache/rnnlab (downloaded on first use)"


def setup(seed: int = 0) -> torch.device:
    """Seed everything, pick the best device, print one line saying so; return the device.

    The line names the device, the seed, where corpora come from and whether quick mode is on.
    """
    seed_everything(seed)
    device = try_gpu()
    mode = f", quick mode ({QUICK_ENV}=1)" if is_quick() else ""
    print(f"device: {device} | seed: {seed} | corpora: {data_location()}{mode}")
    return device
