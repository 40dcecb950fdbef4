"""Shared pieces of the step-by-step gate figures (06-gru-steps, 07-lstm-steps).

Each figure is a narrow column of panels, one idea per panel, so that it stays readable on a
phone (about 390 px wide). What a panel adds is drawn in its colour; a quantity that an earlier
panel computed comes in as a grey box.
"""

from style import FONT, INK, KINDS, arrow, box, canvas, label, line

WIDTH = 10.0  # drawing units: 5 inches, about 350 px on a phone, so 11 pt text stays near 12 px
PANEL = 4.4  # height of one panel


def column(num_panels):
    """A figure of num_panels panels stacked top to bottom; returns fig, ax and each panel's top."""
    fig, ax = canvas(WIDTH, PANEL * num_panels)
    tops = [PANEL * (num_panels - k) for k in range(num_panels)]
    for top in tops[1:]:
        line(ax, [(0.2, top), (WIDTH - 0.2, top)], color=KINDS["plain"][1], lw=0.7, ls=(0, (3, 3)))
    return fig, ax, tops


def heading(ax, top, text):
    label(ax, 0.3, top - 0.45, text, size=FONT, color=INK, ha="left", weight="bold")


def quantity(ax, x, y, text, kind, w=1.3, h=0.66):
    """A named vector: an input, a state, a gate value computed earlier (kind "pad")."""
    return box(ax, x, y, w, h, text, kind, size=FONT)


def flow(ax, start, end, **kwargs):
    arrow(ax, start, end, **kwargs)


def equation(ax, y, text, size=FONT):
    """The panel's equation, centred under its drawing."""
    label(ax, WIDTH / 2, y, text, size=size, color=INK)
