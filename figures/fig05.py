"""Chapter 5: the computational graph of BPTT and the two paths of the gradient into H_t."""

from style import FONT, GRAD, INK, SMALL, arrow, box, canvas, label

CHAPTER = "05_bptt"


def bptt():
    fig, ax = canvas(18, 10.2)
    rows = {"X": 1.3, "A": 3.5, "H": 5.7, "O": 7.6}
    y_loss = 9.35
    w, h = 1.4, 0.85
    cols = [(4.2, "t-1"), (9.0, "t"), (13.8, "t+1")]
    kinds = {"X": "input", "A": "plain", "H": "state", "O": "output"}
    off = 0.2  # gradient arrows run beside the forward ones
    for i, (x, t) in enumerate(cols):
        sub = t if t == "t" else "{" + t + "}"
        for r, y in rows.items():
            box(ax, x, y, w, h, rf"$\mathbf{{{r}}}_{sub}$", kinds[r], lw=2.2 if (r, t) == ("H", "t") else 1.3)
        # forward
        arrow(ax, (x - off, rows["X"] + h / 2), (x - off, rows["A"] - h / 2))
        arrow(ax, (x - off, rows["A"] + h / 2), (x - off, rows["H"] - h / 2))
        arrow(ax, (x - off, rows["H"] + h / 2), (x - off, rows["O"] - h / 2))
        arrow(ax, (x - off, rows["O"] + h / 2), (x - off, y_loss - 0.35))
        label(ax, x - off - 0.12, (rows["X"] + rows["A"]) / 2, r"$\mathbf{W}_{ih}$", ha="right")
        label(ax, x - off - 0.12, (rows["A"] + rows["H"]) / 2, "tanh", ha="right")
        label(ax, x - off - 0.12, (rows["H"] + rows["O"]) / 2, r"$\mathbf{W}_{hq}$", ha="right")
        label(ax, x - off - 0.12, (rows["O"] + y_loss) / 2 - 0.1, r"$\ell$", ha="right")
        # backward (gradients)
        arrow(ax, (x + off, rows["O"] - h / 2), (x + off, rows["H"] + h / 2), color=GRAD, ls="--")
        arrow(ax, (x + off, rows["H"] - h / 2), (x + off, rows["A"] + h / 2), color=GRAD, ls="--")
        arrow(ax, (x + off, y_loss - 0.35), (x + off, rows["O"] + h / 2), color=GRAD, ls="--")
        if i < 2:
            nx = cols[i + 1][0]
            arrow(ax, (x + w / 2, rows["H"] - 0.15), (nx - w / 2, rows["A"] + 0.3))
            arrow(ax, (nx - w / 2, rows["A"] + 0.05), (x + w / 2, rows["H"] - 0.4), color=GRAD, ls="--")
            label(
                ax,
                (x + nx) / 2 - 0.35,
                (rows["H"] + rows["A"]) / 2 + 0.62,
                r"$\mathbf{W}_{hh}$",
                rotation=-23,
            )
    # ends of the chain
    arrow(ax, (1.3, rows["H"] - 0.15), (cols[0][0] - w / 2, rows["A"] + 0.3))
    label(ax, 0.9, rows["H"], r"$\cdots$", size=FONT, color=INK)
    arrow(ax, (cols[2][0] + w / 2, rows["H"] - 0.15), (16.9, rows["A"] + 0.3))
    label(ax, 17.3, rows["A"], r"$\cdots$", size=FONT, color=INK)
    box(
        ax,
        9.0,
        y_loss,
        12.0,
        0.7,
        r"loss $L$: the mean of $\ell(\mathbf{O}_t, \mathbf{Y}_t)$ over all steps and sequences",
        "plain",
    )
    # the two paths into the gradient of H_t
    x = cols[1][0]
    label(
        ax,
        x + off + 0.15,
        (rows["H"] + rows["O"]) / 2,
        r"$\bar{\mathbf{O}}_t\mathbf{W}_{hq}$",
        color=GRAD,
        ha="left",
        size=FONT,
    )
    label(
        ax,
        x + 2.25,
        (rows["H"] + rows["A"]) / 2 - 0.55,
        r"$\bar{\mathbf{A}}_{t+1}\mathbf{W}_{hh}$",
        color=GRAD,
        size=FONT,
        rotation=-23,
    )
    label(
        ax,
        x + off + 0.15,
        (rows["A"] + rows["H"]) / 2,
        r"$\odot(1-\mathbf{H}_t^2)$",
        color=GRAD,
        ha="left",
        size=SMALL,
    )
    label(
        ax,
        9.0,
        0.35,
        r"$\bar{\mathbf{H}}_t = \bar{\mathbf{O}}_t\mathbf{W}_{hq}"
        r" + \bar{\mathbf{A}}_{t+1}\mathbf{W}_{hh}$:  the gradient of a state comes from its "
        "own output and from the next step",
        color=GRAD,
        size=SMALL,
    )
    label(ax, 16.2, 8.4, "forward", size=SMALL, color=INK, ha="left")
    arrow(ax, (15.3, 8.4), (16.0, 8.4))
    label(ax, 16.2, 7.9, "gradient", size=SMALL, color=GRAD, ha="left")
    arrow(ax, (15.3, 7.9), (16.0, 7.9), color=GRAD, ls="--")
    return fig


FIGURES = [
    (
        "05-bptt",
        "The computational graph of the RNN over steps t-1, t and t+1: X_t goes through W_ih to A_t, "
        "tanh gives H_t, W_hq gives O_t, and every O_t adds a term to the loss L; H_(t-1) feeds A_t "
        "through W_hh. Dashed red arrows run backwards: the gradient of H_t arrives from its own "
        "output, as dO_t W_hq, and from the next step, as dA_(t+1) W_hh, and passes to A_t "
        "multiplied by 1 - H_t squared.",
        "Backpropagation through time: the gradient of $\\mathbf{H}_t$ has two sources, its "
        "own output and the next step, which is how products of Jacobians reach far back.",
        bptt,
    ),
]
