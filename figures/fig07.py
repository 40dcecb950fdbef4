"""Chapter 7: the LSTM cell in PyTorch's gate order i, f, g, o, with the path of the memory cell."""

from style import FONT, INK, KINDS, SMALL, arrow, box, canvas, dot, label, line, node

CHAPTER = "07_lstm"


def lstm_cell():
    fig, ax = canvas(16, 10.4)
    top, ybx, ybh = 8.9, 1.3, 2.1  # cell line, x_t bus, h_(t-1) bus
    red = KINDS["cell"][1]
    xi, xf, xg, xo, xt = 3.4, 5.8, 8.2, 10.6, 13.0
    yg, ym, yo = 3.95, 6.8, 5.3  # gate row, i * g, o * tanh(c)
    # the cell line: c_(t-1) -> (f *) -> (+) -> c_t
    label(ax, 0.35, top + 0.45, r"$c_{t-1}$", size=FONT, color=INK, ha="left")
    line(ax, [(0.3, top), (xf - 0.28, top)], color=red, lw=2.6)
    node(ax, xf, top, r"$\odot$")
    line(ax, [(xf + 0.28, top), (xg - 0.28, top)], color=red, lw=2.6)
    node(ax, xg, top, "+")
    arrow(ax, (xg + 0.28, top), (15.3, top), color=red, lw=2.6)
    label(ax, 15.2, top + 0.45, r"$c_t$", size=FONT, color=INK, ha="right")
    label(
        ax,
        (xf + xt) / 2 + 0.3,
        top + 0.45,
        r"$c_t = f_t\odot c_{t-1} + i_t\odot g_t$: "
        "no weight matrix, no squashing on this path",
        size=SMALL,
        color=red,
    )
    # buses
    label(ax, 0.35, ybh + 0.35, r"$h_{t-1}$", size=FONT, color=INK, ha="left")
    line(ax, [(0.3, ybh), (xo, ybh)])
    label(ax, 0.35, ybx - 0.35, r"$x_t$", size=FONT, color=INK, ha="left")
    line(ax, [(0.3, ybx), (xo, ybx)])
    # the four gates, each reading x_t and h_(t-1)
    for x, fn, kind, what in (
        (xi, r"$\sigma$", "gate", "input gate"),
        (xf, r"$\sigma$", "gate", "forget gate"),
        (xg, "tanh", "tanh", "candidate"),
        (xo, r"$\sigma$", "gate", "output gate"),
    ):
        dot(ax, x, ybx)
        dot(ax, x, ybh)
        arrow(ax, (x, ybx), (x, yg - 0.42))
        box(ax, x, yg, 1.3, 0.84, fn, kind)
        label(ax, x, yg - 0.72, what, size=8.5, bbox=dict(facecolor="white", edgecolor="none", pad=0.5))
    # i_t * g_t, added to the cell
    line(ax, [(xi, yg + 0.42), (xi, ym)])
    arrow(ax, (xi, ym), (xg - 0.28, ym))
    label(ax, xi + 0.15, 5.0, r"$i_t$", size=FONT, color=INK, ha="left")
    arrow(ax, (xg, yg + 0.42), (xg, ym - 0.28))
    label(ax, xg + 0.15, 5.0, r"$g_t$", size=FONT, color=INK, ha="left")
    node(ax, xg, ym, r"$\odot$")
    arrow(ax, (xg, ym + 0.28), (xg, top - 0.28))
    # f_t scales the old cell
    arrow(ax, (xf, yg + 0.42), (xf, top - 0.28), halo=True, zorder=2)
    label(ax, xf + 0.15, 5.0, r"$f_t$", size=FONT, color=INK, ha="left")
    # h_t = o_t * tanh(c_t)
    dot(ax, xt, top, color=red)
    arrow(ax, (xt, top), (xt, 7.45 + 0.35), color=red)
    box(ax, xt, 7.45, 1.3, 0.7, "tanh", "tanh")
    arrow(ax, (xt, 7.45 - 0.35), (xt, yo + 0.28))
    line(ax, [(xo, yg + 0.42), (xo, yo)])
    arrow(ax, (xo, yo), (xt - 0.28, yo))
    label(ax, xo + 0.15, 5.0 - 0.2, r"$o_t$", size=FONT, color=INK, ha="left")
    node(ax, xt, yo, r"$\odot$")
    arrow(ax, (xt + 0.28, yo), (15.3, yo), color=KINDS["state"][1], lw=2.0)
    label(ax, 15.2, yo + 0.45, r"$h_t$", size=FONT, color=INK, ha="right")
    label(
        ax,
        8.0,
        0.45,
        r"$h_t = o_t\odot\tanh(c_t)$;   gates in PyTorch's order i, f, g, o "
        "(rows of weight_ih_l0, weight_hh_l0);   state = (H, C)",
        size=SMALL,
    )
    return fig


FIGURES = [
    (
        "07-lstm",
        "An LSTM cell. The memory cell c_(t-1) runs along the top to c_t, only multiplied "
        "elementwise by the forget gate f_t and added to i_t times g_t. Below, the input gate i_t, "
        "forget gate f_t, candidate g_t and output gate o_t are computed from x_t and h_(t-1), in "
        "that order; sigmoids for the gates, tanh for the candidate. The new hidden state h_t is "
        "o_t times tanh(c_t).",
        "The LSTM cell as `nn.LSTM` computes it (gates i, f, g, o): along the memory cell "
        "$c_t$ there is only a product with $f_t$ and a sum.",
        lstm_cell,
    ),
]
