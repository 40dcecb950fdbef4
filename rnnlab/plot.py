"""Figures: a live training plot that redraws in place in Jupyter, and a plain line-plot helper."""

import time

import matplotlib

import matplotlib.pyplot as plt

# The book's figures: text kept as text in SVG output, and labels large enough to read when a
# page shrinks a 5-inch figure to a phone's width (tests/test_website.py measures both).
BOOK_STYLE = {
    "svg.fonttype": "none",
    "font.size": 11,
    "axes.titlesize": 11,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    # fixed element ids (and no date, below): re-running a notebook changes a
    # stored SVG only where the figure changed, so diffs of outputs stay readable
    "svg.hashsalt": "rnnlab",
}
matplotlib.rcParams.update(BOOK_STYLE)


def in_notebook():
    """True inside a Jupyter kernel (JupyterLab, classic, Colab, nbclient)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ in ("ZMQInteractiveShell", "Shell")


def use_svg_figures():
    """In Jupyter, show figures as SVG: sharp on every screen, and far smaller than a
    high-resolution PNG. Called when rnnlab is imported; outside Jupyter it does nothing."""
    if not in_notebook():
        return
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return
    set_matplotlib_formats("svg", metadata={"Date": None})


use_svg_figures()


def plot(
    X,
    Y,
    xlabel=None,
    ylabel=None,
    legend=None,
    xscale="linear",
    yscale="linear",
    fmts=("-", "m--", "g-.", "r:"),
    figsize=(5, 3),
    ax=None,
    title=None,
) -> "matplotlib.axes.Axes":
    """Plot one or several curves on one set of axes and return the axes.

    Args:
        X: the x values: one sequence shared by every curve, or one sequence per curve.
        Y: one sequence (one curve) or a list of sequences (several curves).
        xlabel, ylabel, title: labels of the axes and the title.
        legend: one name per curve.
        xscale, yscale: "linear" or "log".
        fmts: matplotlib format strings, used in turn.
        figsize: the size of a new figure in inches (the book's plots are 5 x 3).
        ax: draw on these axes instead of a new figure (for panels side by side).

    Returns:
        matplotlib.axes.Axes: the axes drawn on.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    Y = [Y] if _is_flat(Y) else Y
    X = [X] * len(Y) if _is_flat(X) else X
    for x, y, fmt in zip(X, Y, list(fmts) * len(Y)):
        ax.plot(x, y, fmt)
    ax.set_xscale(xscale), ax.set_yscale(yscale)
    if yscale == "log":
        _plain_log_labels(ax.yaxis)
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if legend:
        ax.legend(legend)
    if title:
        ax.set_title(title)
    ax.grid(True, alpha=0.3)
    return ax


def _plain_log_labels(axis):
    """Label a log axis with plain numbers (5, 10, 20, 50), not powers of ten: a perplexity
    axis spans one or two decades, where 10^0 and 10^1 alone would leave it nearly unlabelled."""
    from matplotlib.ticker import FuncFormatter, LogLocator

    axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:g}"))
    axis.set_minor_formatter(FuncFormatter(lambda y, _: ""))


def _is_flat(values):
    return (
        hasattr(values, "ndim")
        and values.ndim == 1
        or (isinstance(values, (list, tuple)) and (not values or not hasattr(values[0], "__len__")))
    )


class LivePlot:
    """Curves that grow while training runs; in Jupyter one figure is redrawn in place.

    Outside Jupyter it only keeps the data (the caller prints progress instead).
    Redraws are throttled so plotting costs little: at most one per ``min_interval`` seconds,
    and never more often than every ``20 x`` the last redraw's own duration (on a busy machine a
    redraw can take a second; redrawing every epoch would then dominate training).
    """

    def __init__(
        self,
        xlabel,
        ylabel,
        legend,
        xlim=None,
        yscale="linear",
        figsize=(5, 3),
        min_interval=1.0,
        enabled=None,
    ):
        self.enabled = in_notebook() if enabled is None else enabled
        self.xlabel, self.ylabel, self.legend = xlabel, ylabel, legend
        self.xlim, self.yscale, self.figsize = xlim, yscale, figsize
        self.min_interval = min_interval
        self.xs, self.ys = [], [[] for _ in legend]
        self.handle, self.fig, self.last_draw, self.draw_seconds = None, None, 0.0, 0.0

    def add(self, x, values, title=None):
        """Append one point per series at ``x``; a value of None leaves that series out there."""
        self.xs.append(x)
        for series, v in zip(self.ys, values):
            series.append(v)
        wait = max(self.min_interval, 20 * self.draw_seconds)
        if self.enabled and time.monotonic() - self.last_draw >= wait:
            self.draw(title)

    def draw(self, title=None):
        if not self.enabled or not self.xs:
            return
        from IPython.display import display

        start = time.monotonic()
        if self.fig is None:
            self.fig, self.ax = plt.subplots(figsize=self.figsize)
        self.ax.clear()
        # a series may skip some x (None: not measured there, e.g. held-out perplexity)
        pairs = [[(x, y) for x, y in zip(self.xs, ys) if y is not None] for ys in self.ys]
        plot(
            [[x for x, _ in p] for p in pairs],
            [[y for _, y in p] for p in pairs],
            self.xlabel,
            self.ylabel,
            self.legend,
            ax=self.ax,
            yscale=self.yscale,
            title=title,
        )
        if self.xlim:
            self.ax.set_xlim(self.xlim)
        self.fig.tight_layout()
        if self.handle is None:
            self.handle = display(self.fig, display_id=True)
        else:
            self.handle.update(self.fig)
        self.last_draw = time.monotonic()
        self.draw_seconds = self.last_draw - start

    def close(self, title=None):
        """Final redraw; close the figure so Jupyter does not show it a second time."""
        self.draw(title)
        if self.fig is not None:
            plt.close(self.fig)


def text_heatmap(text, values, title=None, ax=None, figsize=None):
    """Heatmap of per-character values: characters along the x axis, units along the y axis.

    ``values`` has shape ``(len(text), k)`` (a tensor or array), e.g. a gate's activations
    at every character. Values in [0, 1] (gates) use a fixed 0..1 scale; others (cell
    states) a scale symmetric around 0. Spaces are drawn as a visible mark. Returns ``ax``.
    """
    import numpy as np

    if hasattr(values, "detach"):
        values = values.detach().cpu().numpy()
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    if values.shape[0] != len(text):
        raise ValueError(
            f"values has {values.shape[0]} rows but the text has {len(text)} "
            "characters: expected shape (len(text), k)"
        )
    if ax is None:
        width = min(9.0, max(4.0, 1.0 + 0.14 * len(text)))
        _, ax = plt.subplots(figsize=figsize or (width, 2.5))
    if values.size and values.min() >= 0 and values.max() <= 1:
        image = ax.imshow(values.T, aspect="auto", cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
    else:
        bound = float(np.abs(values).max()) if values.size else 1.0
        image = ax.imshow(
            values.T, aspect="auto", cmap="RdBu_r", vmin=-bound, vmax=bound, interpolation="nearest"
        )
    ax.set_xticks(range(len(text)))
    size = 10 if len(text) <= 40 else 9 if len(text) <= 60 else 8 if len(text) <= 80 else 6
    ax.set_xticklabels(["\u2423" if c == " " else c for c in text], fontfamily="monospace", fontsize=size)
    ax.tick_params(axis="x", length=0)
    ax.set_ylabel("unit")
    if values.shape[1] <= 8:
        ax.set_yticks(range(values.shape[1]))
    if title:
        ax.set_title(title, fontsize="medium")
    ax.figure.colorbar(image, ax=ax, fraction=0.025, pad=0.01)
    return ax
