"""Chapter 4: what nn.RNN returns: outputs (every step, last layer) and state (last step, every layer)."""

from matplotlib.patches import FancyBboxPatch

from style import FONT, INK, KINDS, SMALL, arrow, box, canvas, label

CHAPTER = "04_rnn_concise"


def frame(ax, x0, y0, x1, y1, color):
    ax.add_patch(
        FancyBboxPatch(
            (x0, y0),
            x1 - x0,
            y1 - y0,
            boxstyle="round,pad=0,rounding_size=0.2",
            facecolor="none",
            edgecolor=color,
            lw=2.0,
            ls=(0, (5, 3)),
            zorder=5,
        )
    )


def outputs_and_state():
    fig, ax = canvas(18, 8.0)
    w, h = 1.45, 0.85
    cols = [(4.6, "1"), (6.9, "2"), (9.2, "3"), (12.0, "T")]
    ys = {0: 1.6, 1: 3.6, 2: 5.6}
    label(ax, 2.5, ys[0], r"$\mathbf{X}_t$", size=FONT, color=INK)
    label(ax, 2.5, ys[1] + 0.2, "layer 1", size=SMALL, color=INK)
    label(ax, 2.5, ys[1] - 0.25, "(weight_*_l0)", size=8, mono=True)
    label(ax, 2.5, ys[2] + 0.2, "layer 2", size=SMALL, color=INK)
    label(ax, 2.5, ys[2] - 0.25, "(weight_*_l1)", size=8, mono=True)
    prev = {1: 3.5, 2: 3.5}
    for x, t in cols:
        box(ax, x, ys[0], w, h, rf"$\mathbf{{X}}_{t}$", "input")
        for l in (1, 2):
            box(ax, x, ys[l], w, h, rf"$\mathbf{{H}}_{t}^{{({l})}}$", "state")
            arrow(ax, (x, ys[l - 1] + h / 2), (x, ys[l] - h / 2))
            if t == "T":
                label(ax, (prev[l] + x - w / 2) / 2, ys[l], r"$\cdots$", size=FONT, color=INK)
            else:
                arrow(ax, (prev[l], ys[l]), (x - w / 2, ys[l]))
            prev[l] = x + w / 2
        label(ax, x, 0.7, f"t = {t}", size=SMALL)
    orange, green = KINDS["output"][1], KINDS["state"][1]
    frame(ax, 3.7, ys[2] - 0.7, 12.95, ys[2] + 0.7, orange)
    label(ax, 8.3, ys[2] + 1.6, "outputs: every step of the last layer", size=SMALL, color=orange)
    label(ax, 8.3, ys[2] + 1.15, "(num_steps, batch_size, hidden_size)", size=8.5, mono=True, color=orange)
    frame(ax, 11.05, ys[1] - 0.62, 13.15, ys[2] + 0.78, green)
    label(ax, 13.5, ys[1] + 0.9, "state: the last step", size=SMALL, color=green, ha="left")
    label(ax, 13.5, ys[1] + 0.45, "of every layer", size=SMALL, color=green, ha="left")
    label(ax, 13.5, ys[1] - 0.05, "(num_layers,", size=8.5, mono=True, color=green, ha="left")
    label(ax, 13.5, ys[1] - 0.45, " batch_size,", size=8.5, mono=True, color=green, ha="left")
    label(ax, 13.5, ys[1] - 0.85, " hidden_size)", size=8.5, mono=True, color=green, ha="left")
    label(ax, 13.5, ys[0], "outputs[-1] equals state[-1];", size=8.5, ha="left")
    label(ax, 13.5, ys[0] - 0.42, "with one layer (this chapter)", size=8.5, ha="left")
    label(ax, 13.5, ys[0] - 0.84, "state is outputs[-1:]", size=8.5, ha="left")
    return fig


FIGURES = [
    (
        "04-outputs-state",
        "A recurrent layer with two layers unrolled over T steps. A dashed orange frame around the "
        "top layer's states at every step marks outputs, of shape (num_steps, batch_size, "
        "hidden_size); a dashed green frame around both layers' states at the last step marks the "
        "returned state, of shape (num_layers, batch_size, hidden_size). The two frames share the "
        "top layer's last state.",
        "What `nn.RNN` returns: `outputs` holds the last layer at every step, the state the last "
        "step of every layer; with one layer, as here, the state is `outputs[-1:]`.",
        outputs_and_state,
    ),
]
