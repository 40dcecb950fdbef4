"""The initialisation an exercise text asks for, checked on a freshly built layer: every
parameter uniform in +-1/sqrt(hidden_size), like torch.nn's recurrent layers (set 6's GRU
variants, set 7's coupled LSTM, set 8's two-layer RNN)."""

import torch

from .core import call, fail

# A parameter drawn uniformly in +-b: every value within b, the largest |value| near b, the
# standard deviation b / sqrt(3). The layer is built with 256 hidden units, so the smallest tensor
# (a bias) has at least 256 values: a correct draw misses "largest above 0.9 b" with probability
# 0.9^256 < 1e-11, and its standard deviation (relative spread 2.8 % at 256 values) leaves
# +-15 % of b / sqrt(3) with probability below 1e-7 per tensor: no false rejection from the draw.
# An initialisation 11 times too small (+-1/h) or a normal one of std 1/sqrt(h) fails.
_INIT_SIZES = (16, 256)
_INIT_REACH, _INIT_STD_TOLERANCE = 0.9, 0.15


def require_uniform_init(layer_cls, name):
    """Parameters of a freshly built layer are uniform in +-1/sqrt(hidden_size), as the text asks."""
    I, H = _INIT_SIZES
    with torch.random.fork_rng():  # the learner's random stream is left as it was
        layer = call(layer_cls, I, H, what=f"{name}({I}, {H})")
    bound = H**-0.5
    for pname, p in layer.named_parameters():
        v = p.detach().double().reshape(-1).cpu()
        top, std = float(v.abs().max()), float(v.std())
        spread = abs(std / (bound / 3**0.5) - 1)
        if top > bound * (1 + 1e-6) or top < _INIT_REACH * bound or spread > _INIT_STD_TOLERANCE:
            fail(
                f"{name}({I}, {H}).{pname} as built (before any training)",
                f"values uniform in +-1/sqrt(hidden_size) = +-{bound:.4f}",
                f"largest |value| {top:.4f}, standard deviation {std:.4f}",
                _init_cause(top, bound),
            )


def _init_cause(top, bound):
    if top > bound * (1 + 1e-6):
        return "the values reach beyond 1/sqrt(hidden_size): draw them with that bound"
    if top < _INIT_REACH * bound:
        return (
            "the values stay in a narrower range than +-1/sqrt(hidden_size) (another bound, or a "
            "scale applied after the draw): b = 1 / math.sqrt(hidden_size)"
        )
    return "the range is right but the values are not uniform in it: use .uniform_(-b, b)"
