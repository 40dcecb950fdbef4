"""Chapter 8: a deep RNN, layers stacked, each with its own state; where PyTorch keeps them."""

from style import FONT, INK, MUTED, SMALL, arrow, box, canvas, label, line

CHAPTER = "08_deep_rnn"


def stacked():
    fig, ax = canvas(18, 10.0)
    w, h = 1.55, 0.9
    cols = [(6.0, "1"), (8.6, "2"), (11.2, "3"), (14.4, "T")]
    ys = {0: 1.5, 1: 3.7, 2: 5.9, 3: 8.1}  # layer 0 is the input, 3 is the output
    heads = {
        0: (r"inputs $\mathbf{X}_t = \mathbf{H}_t^{(0)}$", "(batch_size, d) per step"),
        1: ("layer 1", "weight_ih_l0: (G, d)"),
        2: ("layer 2", "weight_ih_l1: (G, h)"),
        3: (r"scores $\mathbf{O}_t$", r"from the top layer only"),
    }
    for l, (name, note) in heads.items():
        label(ax, 3.2, ys[l] + 0.22, name, size=FONT, color=INK, ha="right")
        label(ax, 3.2, ys[l] - 0.3, note, size=8.5, ha="right", mono=l in (1, 2))
    for l in (1, 2):
        y = ys[l]
        box(ax, 4.05, y, 1.2, h, rf"$\mathbf{{H}}_0^{{({l})}}$", "state", ls="--")
        label(ax, 4.05, y - 0.72, f"state[{l - 1}]", size=8.5, mono=True)
    prev = 4.65
    for x, t in cols:
        box(ax, x, ys[0], w, h, rf"$\mathbf{{X}}_{t}$", "input")
        box(ax, x, ys[3], w, h, rf"$\mathbf{{O}}_{t}$", "output")
        for l in (1, 2):
            box(ax, x, ys[l], w, h, rf"$\mathbf{{H}}_{t}^{{({l})}}$", "state")
            arrow(ax, (x, ys[l - 1] + h / 2), (x, ys[l] - h / 2))
            if t == "T":
                line(ax, [(prev, ys[l]), (prev + 0.45, ys[l])])
                label(ax, (prev + x - w / 2) / 2 + 0.1, ys[l], r"$\cdots$", size=FONT, color=INK)
                arrow(ax, (x - w / 2 - 0.45, ys[l]), (x - w / 2, ys[l]))
            else:
                arrow(ax, (prev, ys[l]), (x - w / 2, ys[l]))
        arrow(ax, (x, ys[2] + h / 2), (x, ys[3] - h / 2))
        label(ax, x, 0.6, f"t = {t}", size=SMALL)
        prev = x + w / 2
    label(ax, (11.2 + 14.4) / 2 - 0.15, 0.6, r"$\cdots$", size=FONT)
    # the final state: one slice per layer
    xs = prev + 0.25
    for l in (1, 2):
        arrow(ax, (prev, ys[l]), (xs + 0.7, ys[l]))
        label(ax, xs + 0.8, ys[l] + 0.02, f"state[{l - 1}]", size=SMALL, mono=True, ha="left", color=INK)
    label(
        ax,
        xs + 1.35,
        (ys[1] + ys[2]) / 2,
        "(num_layers,\n batch_size,\n num_hiddens)",
        size=8,
        mono=True,
        ha="center",
        color=MUTED,
    )
    label(
        ax,
        9.6,
        9.55,
        r"$\mathbf{H}_t^{(l)} = f_l(\mathbf{H}_{t-1}^{(l)},\ "
        r"\mathbf{H}_t^{(l-1)})$: each layer carries its own state along time and reads the "
        "layer below at the same step",
        size=SMALL,
        color=INK,
    )
    return fig


FIGURES = [
    (
        "08-stacked",
        "A two-layer RNN unrolled over T steps. The inputs X_t feed layer 1, whose states H_t^(1) "
        "feed layer 2 at the same step; only layer 2's states H_t^(2) feed the scores O_t. Each "
        "layer carries its own state from step to step, starting from its own initial state; "
        "PyTorch keeps them as state[0] for layer 1 and state[1] for layer 2, in a tensor of shape "
        "(num_layers, batch_size, num_hiddens).",
        "A deep RNN with two layers: each layer has its own state along time, stored as "
        "`state[l]`, and reads the layer below at the same step.",
        stacked,
    ),
]
