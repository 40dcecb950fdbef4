"""Probes: a check's margin constant replaced, while the check runs, by a float that records
every value the check compares with it (the reflected comparison of a float subclass is tried
first, so ``x <= TOL`` and ``ppl < MARGIN * reset`` both reach the probe).

A ``tolerance`` probe (float noise: a difference must stay at or below it) records the slack in
decades, log10(tolerance / difference); a ``margin`` probe records how far the compared value
sits on the accepting side, in the units of the quantity the margin multiplies (or absolutely
for a bare comparison): ``below`` margins accept values under them (ppl < 0.99 * reset), the
others values above them (corr >= 0.5). A run's slack is the smallest recorded in it.
"""

import math
import sys

TINY = 1e-30  # a difference of exactly 0 counts as 30 decades below the tolerance


class _Recorder:
    def __init__(self, kind, below):
        self.kind, self.below, self.slacks = kind, below, []

    def record(self, value, bound, base):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return
        if self.kind == "tolerance":
            self.slacks.append(math.log10(max(bound, TINY) / max(abs(float(value)), TINY)))
        else:
            gap = (bound - float(value)) if self.below else (float(value) - bound)
            self.slacks.append(gap / abs(base))


class _Compared(float):
    """A float whose comparisons report to ``_recorder`` (``_base``: what the margin scaled)."""

    def __new__(cls, value, recorder, base=1.0):
        self = super().__new__(cls, value)
        self._recorder, self._base = recorder, base
        return self

    def _seen(self, other):
        self._recorder.record(other, float(self), self._base)

    def __ge__(self, other):  # other <= self
        self._seen(other)
        return float(self) >= other

    def __gt__(self, other):  # other < self
        self._seen(other)
        return float(self) > other

    def __le__(self, other):  # other >= self
        self._seen(other)
        return float(self) <= other

    def __lt__(self, other):  # other > self
        self._seen(other)
        return float(self) < other


class Probe(_Compared):
    """The constant itself: multiplying it by a number gives a compared product."""

    def __mul__(self, other):
        if isinstance(other, (int, float)) and not isinstance(other, bool) and other:
            return _Compared(float(self) * other, self._recorder, other)
        return float(self) * other

    __rmul__ = __mul__


def install(probes):
    """Replace each ``(module, NAME, kind, below)`` constant in every checks module that binds it
    and in function defaults that hold it; return (recorders by label, undo)."""
    recorders, undo = {}, []
    for module_name, name, kind, below in probes:
        module = sys.modules[module_name]
        original = getattr(module, name)
        recorder = _Recorder(kind, below)
        probe = Probe(original, recorder)
        recorders[f"{module_name.rsplit('.', 1)[-1]}.{name}"] = recorder
        for mod in [m for k, m in sys.modules.items() if k.startswith("rnnlab.checks") and m]:
            if getattr(mod, name, None) is original:
                setattr(mod, name, probe)
                undo.append(lambda mod=mod, original=original, name=name: setattr(mod, name, original))
            for fn in [f for f in vars(mod).values() if callable(f) and hasattr(f, "__defaults__")]:
                if fn.__defaults__ and any(d is original for d in fn.__defaults__):
                    before = fn.__defaults__
                    fn.__defaults__ = tuple(probe if d is original else d for d in before)
                    undo.append(lambda fn=fn, before=before: setattr(fn, "__defaults__", before))
    return recorders, lambda: [u() for u in reversed(undo)]
