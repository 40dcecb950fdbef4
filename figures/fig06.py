"""Chapter 6: the GRU cell in PyTorch's form (gates r, z, n; reset applied after W_hn)."""

from style import FONT, INK, KINDS, SMALL, arrow, box, canvas, dot, label, line, node

CHAPTER = "06_gru"


def gru_cell():
    fig, ax = canvas(16, 10.4)
    top, ybx, ybh = 8.9, 1.3, 2.1  # state line, x_t bus, h_(t-1) bus
    green = KINDS["state"][1]
    xr, xz, xl, xn = 3.6, 6.2, 8.8, 11.4  # r, z, the recurrent part of n, n
    yg = 3.95  # gate row
    # the state line: h_(t-1) -> (z *) -> (+) -> h_t
    label(ax, 0.35, top + 0.45, r"$h_{t-1}$", size=FONT, color=INK, ha="left")
    line(ax, [(0.3, top), (xz - 0.28, top)], color=green, lw=2.4)
    node(ax, xz, top, r"$\odot$")
    line(ax, [(xz + 0.28, top), (xn - 0.28, top)], color=green, lw=2.4)
    node(ax, xn, top, "+")
    arrow(ax, (xn + 0.28, top), (15.3, top), color=green, lw=2.4)
    label(ax, 15.2, top + 0.45, r"$h_t$", size=FONT, color=INK, ha="right")
    label(
        ax,
        (xz + xn) / 2,
        top + 0.45,
        r"$z_t \odot h_{t-1}$: with $z_t = 1$ the state passes "
        "unchanged",
        size=SMALL,
        color=green,
    )
    # buses
    dot(ax, 1.1, top)
    line(ax, [(1.1, top), (1.1, ybh), (xl, ybh)])
    label(ax, 0.35, ybx, r"$x_t$", size=FONT, color=INK, ha="left")
    line(ax, [(0.8, ybx), (xn, ybx)])
    # gates r and z read x_t and h_(t-1)
    for x, _name, what in ((xr, "r", "reset gate"), (xz, "z", "update gate")):
        dot(ax, x, ybx)
        dot(ax, x, ybh)
        arrow(ax, (x, ybx), (x, yg - 0.42))
        box(ax, x, yg, 1.3, 0.84, r"$\sigma$", "gate")
        label(
            ax,
            x,
            yg - 0.72,
            what,
            size=8.5,
            ha="center",
            bbox=dict(facecolor="white", edgecolor="none", pad=0.5),
        )
    # the recurrent part of the candidate, gated by r_t
    dot(ax, xl, ybh)
    arrow(ax, (xl, ybh), (xl, yg - 0.42))
    box(ax, xl, yg, 2.2, 0.84, r"$W_{hn}h_{t-1}+b_{hn}$", "plain", size=SMALL)
    arrow(ax, (xl, yg + 0.42), (xl, 5.6 - 0.28))
    node(ax, xl, 5.6, r"$\odot$")
    line(ax, [(xr, yg + 0.42), (xr, 5.6)])
    arrow(ax, (xr, 5.6), (xl - 0.28, 5.6))
    label(ax, xr + 0.15, 5.0, r"$r_t$", size=FONT, color=INK, ha="left")
    # the candidate n_t
    arrow(ax, (xl + 0.28, 5.6), (xn - 0.65, 5.6))
    dot(ax, xn, ybx)
    arrow(ax, (xn, ybx), (xn, 5.6 - 0.42))
    label(ax, xn + 0.15, 3.3, r"$W_{in}x_t+b_{in}$", size=SMALL, ha="left")
    box(ax, xn, 5.6, 1.3, 0.84, "tanh", "tanh")
    label(ax, xn + 0.75, 5.6, "candidate", size=8.5, ha="left")
    arrow(ax, (xn, 5.6 + 0.42), (xn, 7.35 - 0.28))
    label(ax, xn + 0.15, 6.55, r"$n_t$", size=FONT, color=INK, ha="left")
    node(ax, xn, 7.35, r"$\odot$")
    arrow(ax, (xn, 7.35 + 0.28), (xn, top - 0.28))
    # z_t: keeps the old state, and 1 - z_t lets the candidate in
    line(ax, [(xz, yg + 0.42), (xz, 7.35)], halo=True, zorder=2)
    arrow(ax, (xz, 7.35), (xz, top - 0.28))
    dot(ax, xz, 7.35)
    arrow(ax, (xz, 7.35), (xl - 0.4, 7.35))
    box(ax, xl, 7.35, 0.8, 0.56, r"$1-$", "plain", size=FONT)
    arrow(ax, (xl + 0.4, 7.35), (xn - 0.28, 7.35))
    label(ax, xz - 0.15, 6.55, r"$z_t$", size=FONT, color=INK, ha="right")
    label(
        ax,
        8.0,
        0.45,
        r"$h_t = (1 - z_t)\odot n_t + z_t \odot h_{t-1}$,   gates in "
        "PyTorch's order r, z, n (rows of weight_ih_l0 and weight_hh_l0)",
        size=SMALL,
    )
    return fig


def gru_steps():
    """The GRU built in three panels: the two gates, the candidate, the new state."""
    from steps import column, equation, flow, heading, quantity

    fig, ax, (t1, t2, t3) = column(3)
    # 1. two gates, each a sigmoid of x_t and h_(t-1)
    heading(ax, t1, "1  Two gates read the input and the old state")
    c = t1 - 1.95
    quantity(ax, 1.2, c + 0.75, r"$h_{t-1}$", "state")
    quantity(ax, 1.2, c - 0.75, r"$x_t$", "input")
    line(ax, [(1.85, c + 0.75), (3.0, c + 0.75), (3.0, c - 0.75), (1.85, c - 0.75)])
    dot_y = c
    line(ax, [(3.0, dot_y), (3.6, dot_y)])
    for y, name, what in ((c + 0.75, "r_t", "reset gate"), (c - 0.75, "z_t", "update gate")):
        line(ax, [(3.6, dot_y), (3.6, y)])
        flow(ax, (3.6, y), (4.45, y))
        box(ax, 5.1, y, 1.3, 0.7, r"$\sigma$", "gate")
        flow(ax, (5.75, y), (6.5, y))
        label(ax, 6.6, y, rf"${name}$  {what}", size=FONT, color=INK, ha="left")
    equation(ax, t1 - 3.6, r"$r_t = \sigma(W_{ir}x_t + b_{ir} + W_{hr}h_{t-1} + b_{hr})$,  $z_t$ alike")
    equation(ax, t1 - 4.05, r"every entry between 0 (closed) and 1 (open)")
    # 2. the candidate: the reset gate scales the recurrent part
    heading(ax, t2, "2  A candidate, with the old state reset by $r_t$")
    c = t2 - 1.95
    quantity(ax, 1.2, c + 0.75, r"$h_{t-1}$", "state")
    quantity(ax, 1.2, c - 0.75, r"$x_t$", "input")
    flow(ax, (1.85, c + 0.75), (2.55, c + 0.75))
    box(ax, 3.7, c + 0.75, 2.3, 0.7, r"$W_{hn}h_{t-1}{+}b_{hn}$", "plain", size=10)
    flow(ax, (4.85, c + 0.75), (5.52, c + 0.75))
    node(ax, 5.8, c + 0.75, r"$\odot$")
    quantity(ax, 7.3, c + 0.75, r"$r_t$", "pad", w=1.0)
    flow(ax, (6.8, c + 0.75), (6.08, c + 0.75))
    flow(ax, (1.85, c - 0.75), (2.55, c - 0.75))
    box(ax, 3.7, c - 0.75, 2.3, 0.7, r"$W_{in}x_t{+}b_{in}$", "plain", size=10)
    flow(ax, (4.85, c - 0.75), (5.52, c - 0.75))
    node(ax, 5.8, c - 0.75, "+")
    flow(ax, (5.8, c + 0.47), (5.8, c - 0.47))
    flow(ax, (6.08, c - 0.75), (6.75, c - 0.75))
    box(ax, 7.4, c - 0.75, 1.3, 0.7, "tanh", "tanh")
    flow(ax, (8.05, c - 0.75), (8.7, c - 0.75))
    label(ax, 8.8, c - 0.75, r"$n_t$", size=FONT, color=INK, ha="left")
    equation(ax, t2 - 3.6, r"$n_t = \tanh(W_{in}x_t + b_{in} + r_t\odot(W_{hn}h_{t-1} + b_{hn}))$")
    equation(ax, t2 - 4.05, r"with $r_t = 0$ the candidate ignores the past")
    # 3. the new state: the update gate mixes old state and candidate
    heading(ax, t3, "3  The update gate mixes old state and candidate")
    c = t3 - 1.95
    green = KINDS["state"][1]
    quantity(ax, 1.2, c + 0.75, r"$h_{t-1}$", "state")
    quantity(ax, 1.2, c - 0.75, r"$n_t$", "pad")
    line(ax, [(1.85, c + 0.75), (4.22, c + 0.75)], color=green, lw=2.2)
    node(ax, 4.5, c + 0.75, r"$\odot$")
    quantity(ax, 3.2, c, r"$z_t$", "pad", w=0.9, h=0.56)
    line(ax, [(3.65, c), (4.5, c)])
    flow(ax, (4.5, c), (4.5, c + 0.47))
    flow(ax, (4.5, c), (5.05, c))
    box(ax, 5.5, c, 0.8, 0.5, r"$1-$", "plain", size=FONT)
    line(ax, [(5.9, c), (6.3, c)])
    flow(ax, (6.3, c), (6.3, c - 0.47))
    flow(ax, (1.85, c - 0.75), (6.02, c - 0.75))
    node(ax, 6.3, c - 0.75, r"$\odot$")
    line(ax, [(6.58, c - 0.75), (7.3, c - 0.75)])
    flow(ax, (7.3, c - 0.75), (7.3, c + 0.47))
    flow(ax, (4.78, c + 0.75), (7.02, c + 0.75), color=green, lw=2.2)
    node(ax, 7.3, c + 0.75, "+")
    flow(ax, (7.58, c + 0.75), (8.25, c + 0.75), color=green, lw=2.2)
    quantity(ax, 8.9, c + 0.75, r"$h_t$", "state")
    equation(ax, t3 - 3.6, r"$h_t = z_t\odot h_{t-1} + (1 - z_t)\odot n_t$")
    equation(ax, t3 - 4.05, r"$z_t = 1$: keep the old value;  $z_t = 0$: take the candidate")
    return fig


ALT_STEPS = (
    "The GRU built in three panels stacked top to bottom. Panel 1: the previous state h_(t-1) "
    "and the input x_t both feed two sigmoid boxes, giving the reset gate r_t and the update "
    "gate z_t, each between 0 and 1. Panel 2: W_hn h_(t-1) + b_hn is multiplied elementwise by "
    "r_t, added to W_in x_t + b_in, and passed through tanh to give the candidate n_t. Panel 3: "
    "h_(t-1) times z_t plus n_t times (1 - z_t) gives the new state h_t."
)
CAPTION_STEPS = (
    "The GRU in three steps, in `nn.GRU`'s form: (1) the gates, (2) the candidate, with the "
    "reset gate applied to the recurrent part, (3) the update gate mixing old state and "
    "candidate. Grey boxes hold what an earlier panel computed."
)


FIGURES = [
    (
        "06-gru-steps",
        ALT_STEPS,
        CAPTION_STEPS,
        gru_steps,
    ),
    (
        "06-gru",
        "A GRU cell. The previous state h_(t-1) runs along the top to the new state h_t, passing an "
        "elementwise product with the update gate z_t and a sum. Below, the reset gate r_t and the "
        "update gate z_t are sigmoids of x_t and h_(t-1). The candidate n_t is the tanh of "
        "W_in x_t + b_in plus r_t times (W_hn h_(t-1) + b_hn). The sum adds (1 - z_t) times n_t to "
        "z_t times h_(t-1).",
        "The GRU cell as `nn.GRU` computes it: the update gate $z_t$ mixes the old state and the "
        "candidate $n_t$; the reset gate $r_t$ scales the recurrent part of the candidate.",
        gru_cell,
    ),
]
