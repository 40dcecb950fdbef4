"""Chapter 0: the book's roadmap, one box per chapter, in a column narrow enough for a phone."""

from style import FONT, INK, KINDS, MUTED, SMALL, arrow, box, canvas, label

CHAPTER = "00_getting_started"

PARTS = [
    (
        "Foundations",
        "input",
        [
            ("1", "Sequence models", "autoregression on a sine wave"),
            ("2", "Language models", "tokens, n-grams, perplexity"),
            ("3", "RNN from scratch", "hidden state, training loop"),
            ("4", "RNN, concise", "nn.RNN, a better recipe"),
            ("5", "Backprop through time", "vanishing and exploding"),
        ],
    ),
    (
        "Gated and larger networks",
        "gate",
        [
            ("6", "GRU", "two gates, no extra memory"),
            ("7", "LSTM", "a memory cell and three gates"),
            ("8", "Deep RNNs", "layers on layers"),
            ("9", "Bidirectional RNNs", "reading both ways"),
        ],
    ),
    (
        "Using them",
        "output",
        [
            ("10", "RNNs in practice", "padding, packing, choosing a cell"),
            ("11", "Applications", "classifying and tagging"),
            ("12", "Encoder-decoder", "seq2seq and attention"),
        ],
    ),
]


def roadmap():
    rows = sum(len(chapters) for _, _, chapters in PARTS)
    step, head = 1.05, 0.9
    height = rows * step + len(PARTS) * head + 0.4
    fig, ax = canvas(10, height)
    y = height - 0.3
    for part, kind, chapters in PARTS:
        label(ax, 0.3, y - 0.35, part, size=FONT, color=INK, ha="left", weight="bold")
        y -= head
        for k, (number, title, what) in enumerate(chapters):
            cy = y - step / 2
            box(ax, 0.85, cy, 1.0, 0.78, number, kind, size=FONT)
            label(ax, 1.65, cy + 0.18, title, size=FONT, color=INK, ha="left")
            label(ax, 1.65, cy - 0.22, what, size=SMALL, color=MUTED, ha="left")
            if k < len(chapters) - 1:
                arrow(ax, (0.85, cy - 0.39), (0.85, cy - step + 0.39), color=KINDS[kind][1])
            y -= step
    return fig


FIGURES = [
    (
        "00-roadmap",
        "The book's roadmap as three groups of numbered boxes, top to bottom. Foundations: 1 "
        "sequence models, 2 language models, 3 RNN from scratch, 4 RNN concise, 5 backpropagation "
        "through time. Gated and larger networks: 6 GRU, 7 LSTM, 8 deep RNNs, 9 bidirectional "
        "RNNs. Using them: 10 RNNs in practice, 11 applications, 12 encoder-decoder models and "
        "attention. Each box names what the chapter builds.",
        "The chapters in order. Each group builds on the one above it: the foundations write a "
        "recurrent language model and train it, the middle chapters change the cell and the "
        "wiring, and the last three put the layers to work.",
        roadmap,
    ),
]
