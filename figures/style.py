"""The shared look of the book's diagrams: one palette, one font size, boxes and arrows.

Every diagram is drawn on an axes whose data units are UNIT inches, so a box of width 2 is
the same size in every figure. Colours keep one meaning throughout the book:
inputs blue, hidden states green, outputs orange, gates purple, tanh and candidates yellow,
memory cells red, gradients dark red and dashed. The background is opaque white, so a figure
stays readable on a dark page (JupyterLab, Colab and the website in dark mode).
"""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch  # noqa: E402

UNIT = 0.5  # inches per drawing unit
FONT = 11  # points, for labels inside boxes
SMALL = 9.5  # points, for annotations and shapes
INK = "#1b1f24"
MUTED = "#59636e"
BACKGROUND = "white"
GRAD = "#b42318"
KINDS = {  # fill, edge
    "input": ("#dbe9f8", "#2862a8"),
    "state": ("#dcf1d8", "#2e7d32"),
    "state2": ("#d5eeee", "#1d7373"),  # the second direction of a bidirectional layer
    "output": ("#fde3c8", "#b85a10"),
    "gate": ("#ebe0fa", "#6b3fb8"),
    "tanh": ("#fff1bf", "#9a6b00"),
    "cell": ("#fbdcdc", "#b42318"),
    "plain": ("#f3f4f6", "#59636e"),
    "pad": ("#eeeeee", "#9aa1a9"),
    "none": ("white", INK),
}

RC = {
    "svg.hashsalt": "rnnlab-diagrams",  # stable ids, so the same drawing gives the same bytes
    "svg.fonttype": "path",  # text as outlines: looks the same in every browser
    "font.family": "DejaVu Sans",
    "mathtext.fontset": "dejavusans",
    "font.size": FONT,
    "text.color": INK,
    "axes.unicode_minus": True,
}


def canvas(width, height):
    """A figure of width x height drawing units with one frameless axes covering it."""
    fig = plt.figure(figsize=(width * UNIT, height * UNIT))
    fig.patch.set_facecolor(BACKGROUND)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return fig, ax


def box(ax, x, y, w, h, label="", kind="plain", size=FONT, round=0.12, lw=1.3, ls="-", color=None, zorder=2):
    """A rounded box centred at (x, y); returns its (left, bottom, right, top)."""
    fill, edge = KINDS[kind]
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle=f"round,pad=0,rounding_size={round}",
            facecolor=fill,
            edgecolor=color or edge,
            lw=lw,
            ls=ls,
            zorder=zorder,
        )
    )
    if label:
        ax.text(x, y, label, ha="center", va="center", fontsize=size, color=INK, zorder=zorder + 1)
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def node(ax, x, y, label, r=0.28, kind="none", size=FONT, zorder=3):
    """A small circle with an operator inside (the elementwise product, a sum, 1 - z)."""
    fill, edge = KINDS[kind]
    ax.add_patch(Circle((x, y), r, facecolor=fill, edgecolor=edge, lw=1.2, zorder=zorder))
    ax.text(x, y, label, ha="center", va="center", fontsize=size, color=INK, zorder=zorder + 1)


def _halo(lw, halo):
    """A white outline under a line, so that a line drawn over another seems to bridge it."""
    return [patheffects.withStroke(linewidth=lw + 5, foreground=BACKGROUND)] if halo else None


def arrow(
    ax, start, end, color=INK, lw=1.3, ls="-", rad=0.0, head=9, shrink=0.0, style="-|>", zorder=1, halo=False
):
    """An arrow from start to end (data units); rad bends it."""
    patch = FancyArrowPatch(
        start,
        end,
        arrowstyle=style,
        mutation_scale=head,
        color=color,
        lw=lw,
        ls=ls,
        shrinkA=shrink,
        shrinkB=shrink,
        connectionstyle=f"arc3,rad={rad}",
        zorder=zorder,
        capstyle="butt",
        joinstyle="miter",
    )
    if halo:
        patch.set_path_effects(_halo(lw, halo) + [patheffects.Normal()])
    ax.add_patch(patch)


def line(ax, points, color=INK, lw=1.3, ls="-", zorder=1, halo=False):
    xs, ys = zip(*points)
    ax.plot(
        xs,
        ys,
        color=color,
        lw=lw,
        ls=ls,
        zorder=zorder,
        solid_capstyle="butt",
        dash_capstyle="butt",
        path_effects=(_halo(lw, halo) or []) + [patheffects.Normal()],
    )


def dot(ax, x, y, color=INK, r=0.07, zorder=3):
    """A junction where a line branches."""
    ax.add_patch(Circle((x, y), r, facecolor=color, edgecolor=color, zorder=zorder))


def label(ax, x, y, s, size=SMALL, color=MUTED, ha="center", va="center", mono=False, zorder=4, **kwargs):
    family = "DejaVu Sans Mono" if mono else "DejaVu Sans"
    return ax.text(x, y, s, ha=ha, va=va, fontsize=size, color=color, family=family, zorder=zorder, **kwargs)


def brace(ax, x0, x1, y, text, size=SMALL, color=MUTED, below=True, mono=False):
    """A bracket under (or over) the span x0..x1 at height y, with a label."""
    d = -0.15 if below else 0.15
    line(ax, [(x0, y - d), (x0, y), (x1, y), (x1, y - d)], color=color, lw=1.0)
    label(ax, (x0 + x1) / 2, y + (-0.3 if below else 0.3), text, size=size, color=color, mono=mono)


def svg_bytes(fig, title):
    """The figure as SVG bytes, identical from run to run on the same matplotlib version."""
    buffer = io.BytesIO()
    fig.savefig(
        buffer, format="svg", facecolor=BACKGROUND, metadata={"Date": None, "Creator": None, "Title": title}
    )
    plt.close(fig)
    return buffer.getvalue()
