"""Chapter 2: random sampling versus sequential partitioning, on the chapter's own example.

The minibatches are the ones rnnlab's iterators produce for the corpus 0, 1, ..., 34 with
batch_size=2, num_steps=5 after rnnlab.seed(0), exactly as the chapter's code cell prints them.
"""

import rnnlab

from style import FONT, INK, MUTED, SMALL, arrow, box, canvas, label

CHAPTER = "02_language_models"
TINTS = ["#cfe0f5", "#f9d9b8", "#d5ecd0"]  # minibatch 0, 1, 2
UNUSED = "#eeeeee"


def batches(iterator):
    rnnlab.seed(0)
    return [X.tolist() for X, _ in iterator(list(range(35)), batch_size=2, num_steps=5)]


def tinted(ax, x, y, w, h, text, tint, size=8.5):
    box(ax, x, y, w, h, text, "none", size=size, round=0.0, lw=0.7)
    ax.patches[-1].set_facecolor(tint)


def section(ax, top, title, minibatches, note, carry):
    label(ax, 0.4, top, title, size=FONT, color=INK, ha="left")
    # the corpus, each token coloured by the minibatch it lands in
    where = {tok: k for k, X in enumerate(minibatches) for row in X for tok in row}
    cw = 0.47
    for tok in range(35):
        tinted(
            ax,
            0.9 + tok * cw,
            top - 0.8,
            cw,
            0.45,
            str(tok),
            TINTS[where[tok]] if tok in where else UNUSED,
            size=7,
        )
    label(ax, 0.9 + 35 * cw - 0.1, top - 1.25, "corpus 0 ... 34 (grey: not an input)", size=8, ha="right")
    # the minibatches as (batch_size, num_steps) blocks
    bw, bh, gap = 0.52, 0.5, 3.3
    y0 = top - 2.55
    for k, X in enumerate(minibatches):
        x0 = 2.6 + k * (5 * bw + gap)
        label(ax, x0 + 2 * bw, y0 + 0.65, f"minibatch {k}", size=SMALL, color=INK)
        for i, row in enumerate(X):
            for j, tok in enumerate(row):
                tinted(ax, x0 + j * bw, y0 - i * bh, bw, bh, str(tok), TINTS[k])
            if k == 0:
                label(ax, x0 - 0.75, y0 - i * bh, f"row {i}", size=8)
        if k < len(minibatches) - 1:
            nx = x0 + 5 * bw + gap
            for i in range(2 if carry else 0):
                arrow(ax, (x0 + 4.5 * bw + 0.1, y0 - i * bh), (nx - 0.5 * bw - 0.1, y0 - i * bh), color=INK)
            label(
                ax,
                (x0 + 4.5 * bw + nx - 0.5 * bw) / 2,
                y0 - 1.5 * bh - 0.15,
                "state carried" if carry else "state reset",
                size=8,
                color=MUTED,
            )
    label(ax, 0.4, y0 - 1.55, note, size=SMALL, ha="left")


def partitioning():
    fig, ax = canvas(17.8, 10.0)
    random = batches(rnnlab.seq_data_iter_random)
    sequential = batches(rnnlab.seq_data_iter_sequential)
    section(
        ax,
        9.5,
        "random sampling",
        random,
        "Neighbouring pieces of text land in unrelated places: each minibatch starts from a fresh state.",
        carry=False,
    )
    section(
        ax,
        4.6,
        "sequential partitioning",
        sequential,
        "Row i of minibatch k + 1 continues row i of minibatch k: the state is carried over (and detached).",
        carry=True,
    )
    return fig


FIGURES = [
    (
        "02-partitioning",
        "The corpus 0 to 34 cut into minibatches of 2 rows by 5 steps, twice, with the tokens "
        "coloured by minibatch. Random sampling: minibatch 0 holds 23 to 27 and 8 to 12, minibatch 1 "
        "holds 28 to 32 and 13 to 17, minibatch 2 holds 3 to 7 and 18 to 22, and the state is reset "
        "between minibatches. Sequential partitioning: row 0 reads 3 to 7, 8 to 12, 13 to 17 and row "
        "1 reads 18 to 22, 23 to 27, 28 to 32 over minibatches 0, 1, 2, so the state is carried from "
        "one minibatch to the next. Tokens 0 to 2 (the random offset) are not used.",
        "Random sampling versus sequential partitioning of the same corpus: only sequential "
        "minibatches continue each other row by row, so only they can carry the state.",
        partitioning,
    ),
]
