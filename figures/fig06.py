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


FIGURES = [
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
