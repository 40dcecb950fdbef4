"""The book's diagrams, for a notebook cell: ``diagram("03-unrolled")``.

The SVG files next to this module are drawn by ``figures/draw.py`` in the repository
(``make figures``); do not edit them by hand. A diagram is shown as an ``<img>`` whose source
is the SVG itself (a ``data:`` URI), so it needs no file beside the notebook: it displays the
same in JupyterLab, in Colab and on the website, which reads the stored output.
"""

import base64
import html
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
NARROW_PT = 400  # diagrams at most this wide (points) are drawn to be read on a phone as they are


def names():
    """The names of all diagrams, in the order of the book."""
    return list(_index()["diagrams"])


def _index():
    return json.loads((HERE / "index.json").read_text(encoding="utf-8"))


class Diagram:
    """One diagram: its SVG bytes and its alt text; Jupyter displays it as an image."""

    def __init__(self, name):
        index = _index()["diagrams"]
        if name not in index:
            raise KeyError(f"no diagram named {name!r}; the book has: {', '.join(index)}")
        self.name = name
        self.alt = index[name]["alt"]
        self.caption = index[name]["caption"]
        self.svg = (HERE / f"{name}.svg").read_bytes()
        # A column of panels drawn for a phone's width (figures/steps.py) may shrink with the
        # page; the site's CSS keeps wider diagrams at a legible minimum width instead.
        width = re.search(rb'<svg[^>]* width="([0-9.]+)pt"', self.svg)
        self.narrow = bool(width) and float(width.group(1)) <= NARROW_PT

    def _repr_html_(self):
        data = base64.b64encode(self.svg).decode("ascii")
        css = "rnnlab-diagram rnnlab-diagram-narrow" if self.narrow else "rnnlab-diagram"
        return (
            f'<img class="{css}" alt="{html.escape(self.alt)}" '
            f'src="data:image/svg+xml;base64,{data}" style="max-width: 100%; height: auto;">'
        )

    def __repr__(self):
        # Short on purpose: the alt text is in the HTML; numbers in it must not show up in a
        # plain-text output where the prose-number test looks for measured numbers.
        return f"Diagram({self.name!r})"


def diagram(name):
    """The diagram called ``name`` (see ``names()``), ready to display in a notebook."""
    return Diagram(name)
