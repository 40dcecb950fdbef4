"""Registered comparisons: a sentence of the book's prose and the test that keeps it true.

Each ``Claim`` names a notebook, a key phrase that identifies its sentence (a distinctive
substring, compared case-insensitively with whitespace collapsed) and a check that reads the
notebook's *stored outputs* and returns ``(ok, what it compared)``. ``python -m rnnlab
comparisons`` marks the sentence TESTED; ``tests/test_comparisons.py`` runs every check.
"""

import json
import pathlib
import re
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Claim:
    notebook: str
    key: str
    check: Callable = None  # Outputs -> (ok: bool, detail: str)


class Outputs:
    """The stored outputs of one notebook as text, with helpers to read numbers out of them."""

    def __init__(self, path):
        self.path = pathlib.Path(path)
        cells = json.loads(self.path.read_text())["cells"]
        parts = []
        for cell in cells:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                for text in (out.get("text"), data.get("text/markdown") or data.get("text/plain")):
                    if text:
                        parts.append("".join(text) if isinstance(text, list) else text)
        self.text = "\n".join(parts)

    def block(self, marker):
        """The outputs from the line containing ``marker`` to the next blank line (one table)."""
        start = self.text.find(marker)
        if start < 0:
            raise LookupError(f"{self.path.name}: no stored output contains {marker!r}; update the claim")
        view = Outputs.__new__(Outputs)
        view.path, view.text = self.path, re.split(r"\n\s*\n", self.text[start:], maxsplit=1)[0]
        return view

    def after(self, marker):
        """The outputs after the first line containing ``marker``."""
        view = self.block(marker)
        view.text = self.text[self.text.find(marker) :]
        return view

    def number(self, pattern):
        """The float captured by ``pattern`` (one group), which must match exactly once."""
        hits = re.findall(pattern, self.text, flags=re.M)
        if len(hits) != 1:
            raise LookupError(
                f"{self.path.name}: expected one match of {pattern!r} in the stored outputs, "
                f"got {len(hits)}; likely cause: the output's format changed, update the claim"
            )
        return float(hits[0].replace(",", ""))

    def row(self, pattern):
        """The numbers of the one output line whose label matches ``pattern``, after the label."""
        lines = [line for line in self.text.splitlines() if re.search(pattern, line)]
        if len(lines) != 1:
            raise LookupError(
                f"{self.path.name}: expected one output line matching {pattern!r}, got {len(lines)}; "
                "likely cause: the table's format changed, update the claim"
            )
        line = re.sub(pattern, " ", lines[0], count=1)  # the row's label may hold digits
        return [
            float(n.replace(",", ""))
            for n in re.findall(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?", line)
        ]


def less(a_pattern, b_pattern, margin=0.0):
    """A check that the number of ``a_pattern`` is below that of ``b_pattern`` by ``margin``."""

    def check(o):
        a, b = o.number(a_pattern), o.number(b_pattern)
        return a + margin < b, f"{a} < {b}" + (f" - {margin}" if margin else "")

    return check


def ratio_between(a_pattern, b_pattern, low, high):
    """A check that number(a) / number(b) lies in [low, high] (for 'about N times')."""

    def check(o):
        a, b = o.number(a_pattern), o.number(b_pattern)
        return low <= a / b <= high, f"{a} / {b} = {a / b:.2f} in [{low}, {high}]"

    return check


@dataclass(frozen=True)
class Pending:
    """A comparative sentence that is neither generated nor tested yet: a debt with an owner.

    The lister still reports it as NEITHER; the test tolerates only the sentences listed here,
    and fails when an entry matches nothing (the list must shrink with the prose).
    """

    notebook: str
    key: str
    owner: str


CLAIMS = []


def _claim(notebook, key):
    """Register the decorated check for the sentence of ``notebook`` that contains ``key``."""

    def register(check):
        CLAIMS.append(Claim(notebook, key, check))
        return check

    return register
