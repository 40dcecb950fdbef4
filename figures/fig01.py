"""Chapter 1: the autoregressive window of tau = 4 values, and k-step prediction by feeding back."""

from style import FONT, INK, MUTED, SMALL, arrow, box, canvas, label, line

CHAPTER = "01_sequence_models"


def window():
    fig, ax = canvas(17, 10.2)
    w, h = 1.25, 0.8
    # one step ahead: the window holds observed values only
    label(
        ax,
        0.4,
        9.6,
        r"one step ahead: the features are the $\tau = 4$ observed values "
        "before t",
        size=FONT,
        color=INK,
        ha="left",
    )
    xs = [1.4 + 1.45 * i for i in range(4)]
    for x, name in zip(xs, ["x_{t-4}", "x_{t-3}", "x_{t-2}", "x_{t-1}"]):
        box(ax, x, 8.3, w, h, rf"${name}$", "input")
    line(ax, [(xs[0] - 0.6, 7.7), (xs[-1] + 0.6, 7.7)], color=MUTED, lw=1.0)
    label(ax, (xs[0] + xs[-1]) / 2, 7.35, r"features $\mathbf{x}_t$ (one row of features)", size=8.5)
    arrow(ax, (xs[-1] + w / 2, 8.3), (8.3, 8.3))
    box(ax, 9.1, 8.3, 1.5, h, "MLP $f$", "plain")
    arrow(ax, (9.85, 8.3), (11.0, 8.3))
    box(ax, 11.7, 8.3, w, h, r"$\hat{x}_t$", "output")
    label(ax, 12.5, 8.5, r"label: the observed $x_t$", size=8.5, ha="left")
    label(ax, 12.5, 8.05, "loss: squared error", size=8.5, ha="left")
    # k steps ahead: predictions are fed back as inputs
    label(
        ax,
        0.4,
        6.3,
        "k steps ahead from t = 604: each prediction becomes an input of the next window",
        size=FONT,
        color=INK,
        ha="left",
    )
    names = [
        ("x_{601}", "input"),
        ("x_{602}", "input"),
        ("x_{603}", "input"),
        ("x_{604}", "input"),
        (r"\hat{x}_{605}", "output"),
        (r"\hat{x}_{606}", "output"),
        (r"\hat{x}_{607}", "output"),
    ]
    xs = [1.4 + 1.7 * i for i in range(7)]
    y = 5.0
    for x, (name, kind) in zip(xs, names):
        box(ax, x, y, w, h, rf"${name}$", kind)
    for k in range(3):
        yb = 3.95 - 0.95 * k
        x0, x1 = xs[k] - 0.55, xs[k + 3] + 0.55
        line(ax, [(x0, yb + 0.2), (x0, yb), (x1, yb), (x1, yb + 0.2)], color=MUTED, lw=1.1)
        arrow(ax, (x1, yb), (xs[k + 4], y - h / 2), rad=0.35 if k else 0.3)
        label(
            ax,
            (x0 + x1) / 2,
            yb - 0.3,
            ["4 observed values", "3 observed + 1 predicted", "2 observed + 2 predicted"][k],
            size=8.5,
        )
        label(ax, x1 + 0.25, yb + 0.45, r"$f$", size=SMALL, color=INK)
        label(ax, xs[k + 4], y + h / 2 + 0.3, f"{k + 1} step{'s' if k else ''} ahead", size=8)
    label(
        ax,
        8.5,
        0.55,
        "observed values (blue) run out after t = 604; predictions (orange) "
        "carry their errors into every later window",
        size=SMALL,
    )
    return fig


FIGURES = [
    (
        "01-autoregressive",
        "Top: one-step-ahead prediction, where the model f reads the four observed values "
        "x_(t-4) to x_(t-1) and predicts x_t. Bottom: prediction beyond t = 604, where the first "
        "window holds the observed x_601 to x_604 and predicts x-hat_605; the next window drops "
        "x_601 and takes x-hat_605 as its last input to predict x-hat_606, and the third window "
        "holds x_603, x_604, x-hat_605 and x-hat_606 to predict x-hat_607.",
        "An autoregressive model with a window of $\\tau = 4$: one step ahead it reads observed "
        "values; further ahead its own predictions fill the window.",
        window,
    ),
]
