"""Chapter 3: the unrolled RNN with tensor shapes, and the time-major flattening of targets."""

from style import FONT, GRAD, INK, MUTED, SMALL, arrow, box, canvas, label, line

CHAPTER = "03_rnn_scratch"
TINTS = ["#e3edf9", "#b9d2f0", "#8db4e4"]  # time steps 1, 2, 3 in the flattening figure


def unrolled():
    fig, ax = canvas(18, 9.0)
    y_o, y_h, y_x = 7.6, 5.0, 2.4
    w, h = 1.5, 0.95
    cols = [(7.2, "1"), (9.7, "2"), (12.2, "3"), (15.1, "T")]
    # row headers: what each row holds, and the shape of one step's tensor
    for y, name, shape in (
        (y_o, r"scores $\mathbf{O}_t$", "(batch_size, len(vocab))"),
        (y_h, r"states $\mathbf{H}_t$", "(batch_size, num_hiddens)"),
        (y_x, r"inputs $\mathbf{X}_t$", "(batch_size, len(vocab))"),
    ):
        label(ax, 3.9, y + 0.22, name, size=FONT, color=INK, ha="right")
        label(ax, 3.9, y - 0.3, shape, size=8.5, ha="right", mono=True)
    # initial state
    box(ax, 5.0, y_h, 1.2, h, r"$\mathbf{H}_0$", "state", ls="--")
    label(ax, 5.0, y_h - 0.85, "begin_state", size=8.5, mono=True)
    label(ax, 5.0, y_h - 1.25, "(zeros)", size=8.5)
    prev = 5.6
    for x, t in cols:
        box(ax, x, y_o, w, h, rf"$\mathbf{{O}}_{t}$", "output")
        box(ax, x, y_h, w, h, rf"$\mathbf{{H}}_{t}$", "state")
        box(ax, x, y_x, w, h, rf"$\mathbf{{X}}_{t}$", "input")
        arrow(ax, (x, y_x + h / 2), (x, y_h - h / 2))
        arrow(ax, (x, y_h + h / 2), (x, y_o - h / 2))
        label(ax, x + 0.12, (y_x + y_h) / 2, r"$\mathbf{W}_{ih}$", ha="left")
        label(ax, x + 0.12, (y_h + y_o) / 2, r"$\mathbf{W}_{hq}$", ha="left")
        label(ax, x, 1.45, f"t = {t}", size=SMALL)
        if t == "T":
            line(ax, [(prev, y_h), (prev + 0.45, y_h)])
            label(ax, (prev + x - w / 2) / 2 + 0.1, y_h, r"$\cdots$", size=FONT, color=INK)
            arrow(ax, (x - w / 2 - 0.45, y_h), (x - w / 2, y_h))
            label(ax, (prev + x - w / 2) / 2 + 0.1, 1.45, r"$\cdots$", size=FONT)
        else:
            arrow(ax, (prev, y_h), (x - w / 2, y_h))
            label(ax, (prev + x - w / 2) / 2, y_h + 0.3, r"$\mathbf{W}_{hh}$")
        prev = x + w / 2
    # final state
    arrow(ax, (prev, y_h), (prev + 1.1, y_h))
    label(ax, prev + 0.15, y_h + 0.62, "state", size=8.5, mono=True, ha="left")
    label(ax, prev + 0.15, y_h - 0.6, r"$=\mathbf{H}_T$", size=SMALL, ha="left")
    # whole tensors
    label(
        ax,
        9.0,
        0.85,
        "T = num_steps;  the same W_ih, W_hh, W_hq at every step;  inputs: "
        "(num_steps, batch_size, len(vocab))",
        size=8.5,
        mono=True,
    )
    label(
        ax,
        9.0,
        0.35,
        "outputs = all H_t: (num_steps, batch_size, num_hiddens);  state = H_T: (1, batch_size, num_hiddens)",
        size=8.5,
        mono=True,
    )
    return fig


def grid_cell(ax, x, y, w, h, text, tint, size=SMALL):
    box(ax, x, y, w, h, text, "none", size=size, round=0.0, lw=0.8)
    ax.patches[-1].set_facecolor(tint)


def time_major():
    fig, ax = canvas(18, 7.9)
    cw, ch, ytop = 1.0, 0.62, 6.0
    y_name, y_shape = 7.35, 6.9
    # Y: (batch_size, num_steps)
    x0 = 1.6
    label(ax, x0 + cw, y_name, "Y", size=FONT, color=INK, mono=True)
    label(ax, x0 + cw, y_shape, "(batch_size, num_steps)", size=8.5, mono=True)
    for b in range(2):
        for t in range(3):
            grid_cell(ax, x0 + t * cw, ytop - b * ch, cw, ch, rf"$y_{{{b + 1},{t + 1}}}$", TINTS[t])
        label(ax, x0 - 0.75, ytop - b * ch, f"b={b + 1}", size=8.5)
    for t in range(3):
        label(ax, x0 + t * cw, ytop - 2 * ch + 0.05, f"t={t + 1}", size=8.5)
    arrow(ax, (4.3, ytop - 0.3), (5.4, ytop - 0.3))
    label(ax, 4.85, ytop + 0.05, ".T", size=SMALL, mono=True)
    # Y.T: (num_steps, batch_size)
    x1 = 6.1
    label(ax, x1 + 0.5 * cw, y_name, "Y.T", size=FONT, color=INK, mono=True)
    label(ax, x1 + 0.5 * cw, y_shape, "(num_steps, batch_size)", size=8.5, mono=True)
    for t in range(3):
        for b in range(2):
            grid_cell(ax, x1 + b * cw, ytop - t * ch, cw, ch, rf"$y_{{{b + 1},{t + 1}}}$", TINTS[t])
    arrow(ax, (7.8, ytop - 0.6), (9.3, ytop - 0.6))
    label(ax, 8.55, ytop - 0.25, ".reshape(-1)", size=8.5, mono=True)
    # targets: (num_steps * batch_size,)
    x2 = 10.1
    label(ax, x2, y_name, "Y.T.reshape(-1)", size=FONT, color=INK, mono=True)
    label(ax, x2, ytop - 6 * ch - 0.05, "(num_steps * batch_size,)", size=8.5, mono=True)
    rows = [(t, b) for t in range(3) for b in range(2)]
    for k, (t, b) in enumerate(rows):
        grid_cell(ax, x2, ytop - k * ch, cw, ch, rf"$y_{{{b + 1},{t + 1}}}$", TINTS[t])
    # logits: (num_steps * batch_size, len(vocab))
    x3, vw = 13.6, 0.45
    xc = x3 + 2.5 * vw
    label(ax, xc + 0.15, y_name, "Y_hat, state = net(X, state)", size=FONT, color=INK, mono=True)
    label(ax, xc + 0.15, y_shape, "(num_steps * batch_size, len(vocab))", size=8.5, mono=True)
    for k, (t, b) in enumerate(rows):
        for j in range(6):
            grid_cell(ax, x3 + j * vw, ytop - k * ch, vw, ch, "", TINTS[t])
        label(ax, x3 + 5.5 * vw + 0.2, ytop - k * ch, f"t={t + 1}, b={b + 1}", size=8.5, ha="left")
        if b == 0:
            label(ax, x3 - 0.95, ytop - (k + 0.5) * ch, rf"$\mathbf{{O}}_{t + 1}$", size=SMALL, color=INK)
            line(
                ax,
                [(x3 - 0.5, ytop - k * ch + 0.25), (x3 - 0.5, ytop - (k + 1) * ch - 0.25)],
                color=MUTED,
                lw=1.0,
            )
    label(ax, x3 + 1.3, ytop - 6 * ch - 0.05, "loss(Y_hat, Y.T.reshape(-1)):", size=8.5, mono=True)
    label(ax, x3 + 1.3, ytop - 6 * ch - 0.5, "row k is scored against target k", size=8.5)
    # the mistake to avoid
    label(
        ax,
        9.0,
        0.95,
        "Y.reshape(-1) would order the targets sequence by sequence "
        r"($y_{1,1}, y_{1,2}, y_{1,3}, y_{2,1}, \ldots$)",
        size=SMALL,
        color=GRAD,
    )
    label(ax, 9.0, 0.4, "and pair most rows of Y_hat with the wrong target.", size=SMALL, color=GRAD)
    return fig


FIGURES = [
    (
        "03-unrolled",
        "An RNN unrolled over T time steps. Each input X_t, of shape (batch_size, len(vocab)), "
        "enters the hidden state H_t through W_ih; H_t also receives H_(t-1) through W_hh, starting "
        "from H_0 = begin_state, and gives the scores O_t through W_hq. The same three weight "
        "matrices are used at every step; the layer returns all H_t as outputs of shape "
        "(num_steps, batch_size, num_hiddens) and H_T as the state.",
        "The RNN unrolled in time: one hidden state per step, the same weights $\\mathbf{W}_{ih}$, "
        "$\\mathbf{W}_{hh}$, $\\mathbf{W}_{hq}$ at every step, and the shape of each tensor.",
        unrolled,
    ),
    (
        "03-time-major",
        "Targets Y of shape (batch_size, num_steps) with entries y_(b,t), coloured by time step, "
        "are transposed and flattened: Y.T.reshape(-1) lists all sequences at step 1, then all at "
        "step 2, and so on. The logits Y_hat, of shape (num_steps * batch_size, len(vocab)), are "
        "stacked in the same order, O_1 first, so row k of Y_hat is scored against entry k of the "
        "targets. Y.reshape(-1) would order by sequence first and mismatch them.",
        "Time-major flattening: `Y.T.reshape(-1)` puts the targets in the same order as the rows "
        "of the logits, step by step.",
        time_major,
    ),
]
