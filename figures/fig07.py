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


def lstm_steps():
    """The LSTM built in four panels: forget, write, update the cell, output."""
    from steps import column, equation, flow, heading, quantity

    fig, ax, (t1, t2, t3, t4) = column(4)
    red, green = KINDS["cell"][1], KINDS["state"][1]
    inputs = r"$h_{t-1},\ x_t$"
    # 1. the forget gate scales the old cell
    heading(ax, t1, "1  Forget: how much of the old cell to keep")
    c = t1 - 1.95
    quantity(ax, 1.2, c + 0.75, r"$c_{t-1}$", "cell")
    line(ax, [(1.85, c + 0.75), (6.22, c + 0.75)], color=red, lw=2.2)
    node(ax, 6.5, c + 0.75, r"$\odot$")
    flow(ax, (6.78, c + 0.75), (7.4, c + 0.75), color=red, lw=2.2)
    label(ax, 7.5, c + 0.75, r"$f_t\odot c_{t-1}$", size=FONT, color=INK, ha="left")
    quantity(ax, 1.4, c - 0.75, inputs, "plain", w=2.2)
    flow(ax, (2.5, c - 0.75), (3.35, c - 0.75))
    box(ax, 4.0, c - 0.75, 1.3, 0.7, r"$\sigma$", "gate")
    line(ax, [(4.65, c - 0.75), (6.5, c - 0.75)])
    flow(ax, (6.5, c - 0.75), (6.5, c + 0.47))
    label(ax, 6.65, c - 0.15, r"$f_t$", size=FONT, color=INK, ha="left")
    equation(ax, t1 - 3.6, r"$f_t = \sigma(W_{if}x_t + b_{if} + W_{hf}h_{t-1} + b_{hf})$")
    equation(ax, t1 - 4.05, r"$f_t = 1$ keeps a unit's memory, $f_t = 0$ erases it")
    # 2. the input gate and the candidate: what to write
    heading(ax, t2, "2  Write: a candidate, scaled by the input gate")
    c = t2 - 1.95
    quantity(ax, 1.4, c, inputs, "plain", w=2.2)
    line(ax, [(2.5, c), (2.9, c)])
    for y, fn, kind, name in ((c + 0.75, r"$\sigma$", "gate", "i_t"), (c - 0.75, "tanh", "tanh", "g_t")):
        line(ax, [(2.9, c), (2.9, y)])
        flow(ax, (2.9, y), (3.35, y))
        box(ax, 4.0, y, 1.3, 0.7, fn, kind)
        line(ax, [(4.65, y), (6.5, y)])
        flow(ax, (6.5, y), (6.5, c + (0.28 if y < c else -0.28) * -1))
        label(ax, 5.2, y + 0.3, rf"${name}$", size=FONT, color=INK, ha="left")
    node(ax, 6.5, c, r"$\odot$")
    flow(ax, (6.78, c), (7.4, c))
    label(ax, 7.5, c, r"$i_t\odot g_t$", size=FONT, color=INK, ha="left")
    equation(ax, t2 - 3.6, r"$i_t = \sigma(W_{ii}x_t + \dots)$,   $g_t = \tanh(W_{ig}x_t + \dots)$")
    equation(ax, t2 - 4.05, r"$g_t$ proposes new content, $i_t$ says how much of it to write")
    # 3. the cell update: a product and a sum, nothing else
    heading(ax, t3, "3  Update the cell: keep some, add some")
    c = t3 - 1.95
    quantity(ax, 1.2, c + 0.5, r"$c_{t-1}$", "cell")
    line(ax, [(1.85, c + 0.5), (3.72, c + 0.5)], color=red, lw=2.2)
    node(ax, 4.0, c + 0.5, r"$\odot$")
    quantity(ax, 4.0, c - 0.7, r"$f_t$", "pad", w=0.9, h=0.56)
    flow(ax, (4.0, c - 0.42), (4.0, c + 0.22))
    flow(ax, (4.28, c + 0.5), (6.22, c + 0.5), color=red, lw=2.2)
    node(ax, 6.5, c + 0.5, "+")
    quantity(ax, 6.5, c - 0.7, r"$i_t\odot g_t$", "pad", w=1.5, h=0.56)
    flow(ax, (6.5, c - 0.42), (6.5, c + 0.22))
    flow(ax, (6.78, c + 0.5), (8.15, c + 0.5), color=red, lw=2.2)
    quantity(ax, 8.8, c + 0.5, r"$c_t$", "cell")
    equation(ax, t3 - 3.6, r"$c_t = f_t\odot c_{t-1} + i_t\odot g_t$")
    equation(ax, t3 - 4.05, "no weight matrix and no squashing along the cell")
    # 4. the output gate: what the rest of the network sees
    heading(ax, t4, "4  Output: what the rest of the network sees")
    c = t4 - 1.95
    quantity(ax, 1.2, c + 0.75, r"$c_t$", "cell")
    flow(ax, (1.85, c + 0.75), (3.35, c + 0.75), color=red)
    box(ax, 4.0, c + 0.75, 1.3, 0.7, "tanh", "tanh")
    flow(ax, (4.65, c + 0.75), (6.22, c + 0.75))
    node(ax, 6.5, c + 0.75, r"$\odot$")
    flow(ax, (6.78, c + 0.75), (8.15, c + 0.75), color=green, lw=2.2)
    quantity(ax, 8.8, c + 0.75, r"$h_t$", "state")
    quantity(ax, 1.4, c - 0.75, inputs, "plain", w=2.2)
    flow(ax, (2.5, c - 0.75), (3.35, c - 0.75))
    box(ax, 4.0, c - 0.75, 1.3, 0.7, r"$\sigma$", "gate")
    line(ax, [(4.65, c - 0.75), (6.5, c - 0.75)])
    flow(ax, (6.5, c - 0.75), (6.5, c + 0.47))
    label(ax, 6.65, c - 0.15, r"$o_t$", size=FONT, color=INK, ha="left")
    equation(ax, t4 - 3.6, r"$o_t = \sigma(W_{io}x_t + \dots)$,   $h_t = o_t\odot\tanh(c_t)$")
    equation(ax, t4 - 4.05, r"$c_t$ goes on to the next step whatever $o_t$ shows")
    return fig


ALT_STEPS = (
    "The LSTM built in four panels stacked top to bottom. Panel 1: a sigmoid of h_(t-1) and "
    "x_t gives the forget gate f_t, which multiplies the old cell c_(t-1). Panel 2: a sigmoid "
    "gives the input gate i_t and a tanh gives the candidate g_t, both from h_(t-1) and x_t; "
    "their product is what gets written. Panel 3: the new cell c_t is f_t times c_(t-1) plus "
    "i_t times g_t. Panel 4: the output gate o_t, a sigmoid, multiplies tanh(c_t) to give the "
    "new hidden state h_t."
)
CAPTION_STEPS = (
    "The LSTM in four steps (gates in `nn.LSTM`'s order i, f, g, o): (1) forget, (2) write, "
    "(3) update the cell, (4) output. Grey boxes hold what an earlier panel computed."
)


FIGURES = [
    ("07-lstm-steps", ALT_STEPS, CAPTION_STEPS, lstm_steps),
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
