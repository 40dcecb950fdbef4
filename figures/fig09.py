"""Chapter 9: a bidirectional layer; what each direction's state has read; the final state."""

from style import FONT, INK, KINDS, SMALL, arrow, box, canvas, label, line

CHAPTER = "09_bidirectional_rnn"
FWD, BWD = r"\overrightarrow{\mathbf{H}}", r"\overleftarrow{\mathbf{H}}"


def span(ax, x0, x1, y, color, text):
    line(ax, [(x0, y + 0.15), (x0, y), (x1, y), (x1, y + 0.15)], color=color, lw=1.6)
    label(ax, (x0 + x1) / 2, y - 0.32, text, size=SMALL, color=color)


def bidirectional():
    fig, ax = canvas(18.6, 10.6)
    green, teal = KINDS["state"][1], KINDS["state2"][1]
    w, h, d = 1.25, 0.85, 0.5  # direction boxes sit d left / right of the column
    xs = [6.4, 9.1, 11.8, 14.5]  # T = 4 steps
    y_x, y_f, y_b, y_c = 3.1, 5.1, 7.0, 8.9
    for t, x in enumerate(xs, start=1):
        box(ax, x, y_x, 1.6, h, rf"$\mathbf{{X}}_{t}$", "input")
        box(ax, x - d, y_f, w, h, rf"${FWD}_{t}$", "state")
        box(ax, x + d, y_b, w, h, rf"${BWD}_{t}$", "state2")
        # the concatenation [forward, backward] at step t
        box(ax, x - 0.4, y_c, 0.8, h, "", "state", round=0.0)
        box(ax, x + 0.4, y_c, 0.8, h, "", "state2", round=0.0)
        label(ax, x, y_c, rf"$\mathbf{{H}}_{t}$", size=FONT, color=INK)
        arrow(ax, (x - d, y_x + h / 2), (x - d, y_f - h / 2))
        arrow(ax, (x + d, y_x + h / 2), (x + d, y_b - h / 2), halo=True, zorder=2)
        arrow(ax, (x - d, y_f + h / 2), (x - d, y_c - h / 2), color=green, halo=True, zorder=2)
        arrow(ax, (x + d, y_b + h / 2), (x + d, y_c - h / 2), color=teal)
        label(ax, x, 2.2, f"t = {t}", size=SMALL)
    for a, b in zip(xs, xs[1:]):
        arrow(ax, (a - d + w / 2, y_f), (b - d - w / 2, y_f), color=green)
        arrow(ax, (b + d - w / 2, y_b), (a + d + w / 2, y_b), color=teal)
    # initial states (zeros) and final states
    box(ax, 4.1, y_f, 0.9, 0.65, "0", "state", ls="--", size=SMALL)
    arrow(ax, (4.55, y_f), (xs[0] - d - w / 2, y_f), color=green)
    box(ax, 16.85, y_b, 0.9, 0.65, "0", "state2", ls="--", size=SMALL)
    arrow(ax, (16.4, y_b), (xs[-1] + d + w / 2, y_b), color=teal)
    arrow(ax, (xs[-1] - d + w / 2, y_f), (15.9, y_f), color=green)
    label(ax, 16.0, y_f + 0.25, "state[0]", size=SMALL, mono=True, ha="left", color=INK)
    label(ax, 16.0, y_f - 0.25, r"read $x_1 \ldots x_4$", size=SMALL, ha="left", color=green)
    arrow(ax, (xs[0] + d - w / 2, y_b), (4.7, y_b), color=teal)
    label(ax, 4.6, y_b + 0.25, "state[1]", size=SMALL, mono=True, ha="right", color=INK)
    label(ax, 4.6, y_b - 0.25, r"read $x_4 \ldots x_1$", size=SMALL, ha="right", color=teal)
    label(ax, 4.6, y_c + 0.3, "outputs[t]:", size=SMALL, mono=True, ha="right", color=INK)
    label(ax, 4.6, y_c - 0.25, "(batch_size,\n 2 * num_hiddens)", size=8, mono=True, ha="right")
    # what position t = 2 has read
    span(ax, xs[0] - 0.8, xs[1] + 0.8, 1.45, green, rf"${FWD}_2$ has read $x_1, x_2$")
    span(ax, xs[1] - 0.7, xs[3] + 0.8, 0.7, teal, rf"${BWD}_2$ has read $x_2, x_3, x_4$")
    label(
        ax,
        9.3,
        10.15,
        rf"outputs[-1] $= [{FWD}_4, {BWD}_4]$: its backward half has read only "
        r"$x_4$; the backward summary of the whole sequence is state[1]",
        size=SMALL,
        color=INK,
    )
    return fig


FIGURES = [
    (
        "09-bidirectional",
        "A bidirectional layer over four steps. A forward row of states reads X_1 to X_4 from "
        "left to right, a backward row with its own weights reads them from right to left, and "
        "each output H_t concatenates the forward and the backward state at step t. The forward "
        "state at step 2 has read x_1 and x_2, the backward one x_2, x_3 and x_4. The final state "
        "holds the forward state after x_4 as state[0] and the backward state after x_1 as "
        "state[1]; the last output's backward half has read only x_4.",
        "A bidirectional RNN: two independent directions, concatenated at every step. The "
        "final state of each direction is the one after its own last step.",
        bidirectional,
    ),
]
