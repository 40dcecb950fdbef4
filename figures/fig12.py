"""Chapter 12: the encoder-decoder with shifted decoder inputs, and additive attention."""

from style import INK, KINDS, MUTED, SMALL, arrow, box, canvas, label, line

CHAPTER = "12_seq2seq"


def encoder_decoder():
    fig, ax = canvas(21, 9.2)
    green, teal = KINDS["state"][1], KINDS["state2"][1]
    w, h = 1.3, 0.85
    y_in, y_h, y_out = 1.9, 4.2, 6.6
    enc = [1.6, 3.4, 5.2, 7.0]
    dec = [10.9, 12.7, 14.5, 16.3, 18.1]
    # encoder: reads x_1 ... x_T, keeps its states
    for t, x in enumerate(enc, start=1):
        name = "T" if t == len(enc) else t
        box(ax, x, y_in, w, h, f"$x_{{{name}}}$", "input")
        box(ax, x, y_h, w, h, rf"$\mathbf{{h}}_{{{name}}}$", "state")
        arrow(ax, (x, y_in + h / 2), (x, y_h - h / 2))
    for a, b in zip(enc, enc[1:]):
        arrow(ax, (a + w / 2, y_h), (b - w / 2, y_h), color=green)
    label(ax, 4.3, 8.6, "encoder (GRU)", size=11, color=green)
    # the context vector: the encoder's last state
    box(ax, 8.7, y_h, 1.2, h, r"$\mathbf{c}$", "state2")
    arrow(ax, (enc[-1] + w / 2, y_h), (8.1, y_h), color=green)
    label(ax, 8.7, y_h - 0.85, r"$\mathbf{c} = \mathbf{h}_T$", size=SMALL, color=teal)
    label(ax, 8.7, y_h - 1.3, "context vector", size=SMALL, color=teal)
    arrow(ax, (9.3, y_h), (dec[0] - w / 2, y_h), color=teal)
    label(ax, 9.9, y_h + 1.25, "initial state,", size=8, color=teal)
    label(ax, 9.9, y_h + 0.9, "and an input at every step", size=8, color=teal)
    # decoder: inputs shifted right by one, <bos> first; the last column is padding
    inputs = [r"$\langle$bos$\rangle$", "$y_1$", "$y_2$", "$y_3$", r"$\langle$pad$\rangle$"]
    targets = ["$y_1$", "$y_2$", "$y_3$", r"$\langle$eos$\rangle$", r"$\langle$pad$\rangle$"]
    for t, (x, given, wanted) in enumerate(zip(dec, inputs, targets), start=1):
        padded = t == len(dec)
        kind = "pad" if padded else None
        box(ax, x, y_in, w, h, given, kind or "input", size=SMALL if t == 1 or padded else 11)
        box(ax, x, y_h, w, h, rf"$\mathbf{{s}}_{t}$", kind or "state")
        box(ax, x, y_out, w, h, wanted, kind or "output", size=SMALL if t >= 4 else 11)
        arrow(ax, (x, y_in + h / 2), (x, y_h - h / 2))
        arrow(ax, (x, y_h + h / 2), (x, y_out - h / 2))
        label(ax, x, y_out + 0.75, "masked" if padded else "loss", size=8, color=MUTED)
    for a, b in zip(dec, dec[1:]):
        arrow(ax, (a + w / 2, y_h), (b - w / 2, y_h), color=green)
    for a, b in zip(dec[:3], dec[1:4]):  # teacher forcing: the true y_t is the next input
        arrow(ax, (a + 0.4, y_out - h / 2 - 0.05), (b - 0.4, y_in + h / 2 + 0.05), color=MUTED, ls="--")
    label(ax, 14.5, 8.6, "decoder (GRU): a language model of the target, given c", size=11, color=green)
    label(
        ax, 14.5, 0.75, r"teacher forcing: the input at step $t$ is the true $y_{t-1}$", size=SMALL, color=INK
    )
    label(ax, 14.5, 0.3, "(decoding: the model's own previous output instead)", size=8, color=MUTED)
    label(ax, 4.3, 0.75, r"source padded after $x_T$ too; $\mathbf{h}_T$ is taken at its length", size=8)
    return fig


def attention():
    fig, ax = canvas(19, 8.6)
    green, purple, orange = KINDS["state"][1], KINDS["gate"][1], KINDS["output"][1]
    w, h = 1.3, 0.85
    enc = [1.6, 3.4, 5.2, 7.0]
    y_h, y_score, y_w = 1.6, 3.8, 5.8
    for t, x in enumerate(enc, start=1):
        name = "T" if t == len(enc) else t
        box(ax, x, y_h, w, h, rf"$\mathbf{{h}}_{{{name}}}$", "state")
        box(ax, x, y_score, w, h, rf"$e_{{t,{name}}}$", "gate")
        arrow(ax, (x, y_h + h / 2), (x, y_score - h / 2), color=green)
        box(ax, x, y_w, w, h, rf"$\alpha_{{t,{name}}}$", "tanh")
        arrow(ax, (x, y_score + h / 2), (x, y_w - h / 2), color=purple)
    for a, b in zip(enc, enc[1:]):
        arrow(ax, (a + w / 2, y_h), (b - w / 2, y_h), color=green)
    label(ax, 4.3, 0.55, r"encoder outputs: keys and values", size=SMALL, color=green)
    label(
        ax,
        10.4,
        y_score + 0.3,
        r"$e_{t,j} = \mathbf{w}_v^\top \tanh(\mathbf{W}_q \mathbf{s}_{t-1} +"
        r" \mathbf{W}_k \mathbf{h}_j)$",
        size=SMALL,
        color=INK,
        ha="left",
    )
    label(ax, 10.4, y_score - 0.3, "one score per source position", size=8, color=MUTED, ha="left")
    label(
        ax,
        10.4,
        y_w + 0.3,
        r"$\alpha_{t,\cdot} = \mathrm{softmax}(e_{t,\cdot})$ over the real positions",
        size=SMALL,
        color=INK,
        ha="left",
    )
    label(ax, 10.4, y_w - 0.3, "padded positions get weight 0", size=8, color=MUTED, ha="left")
    # the query: the decoder's previous state, fed to every score
    y_q = (y_h + y_score) / 2
    box(ax, 9.0, y_q, 1.5, h, r"$\mathbf{s}_{t-1}$", "state")
    label(ax, 9.0, y_q - 0.8, "decoder state", size=8, color=MUTED)
    label(ax, 9.0, y_q - 1.15, "(the query)", size=8, color=MUTED)
    line(ax, [(8.25, y_q), (enc[0] + 0.45, y_q)], color=MUTED, ls="--", halo=True, zorder=3)
    for x in enc:
        arrow(ax, (x + 0.45, y_q), (x + 0.45, y_score - h / 2), color=MUTED, zorder=3)
    # the weighted average
    box(ax, 4.3, 7.7, 6.9, h, r"$\mathbf{c}_t = \sum_j \alpha_{t,j}\, \mathbf{h}_j$", "output")
    for x in enc:
        arrow(ax, (x, y_w + h / 2), (x, 7.7 - h / 2), color=orange)
    label(
        ax,
        8.2,
        7.7,
        r"context of step $t$: a new one at every decoder step, fed to $\mathbf{s}_t$",
        size=SMALL,
        color=INK,
        ha="left",
    )
    return fig


FIGURES = [
    (
        "12-encoder-decoder",
        "An encoder GRU reads the source x_1 to x_T into states h_1 to h_T; its last state h_T is the "
        "context vector c and becomes the decoder's initial state. The decoder GRU has states s_1 to "
        "s_4; its inputs are the target shifted right by one, <bos>, y_1, y_2, y_3, and its outputs "
        "are trained to be y_1, y_2, y_3 and <eos>, so the true previous token is fed in at each step "
        "(teacher forcing). A last padded column, input and target <pad>, is masked out of the loss.",
        "The encoder-decoder: the source's last state is the context vector; the decoder sees "
        "<bos>, y_1, y_2, ... and must predict y_1, y_2, ..., <eos>; padded target positions are "
        "left out of the loss.",
        encoder_decoder,
    ),
    (
        "12-attention",
        "Additive attention at decoder step t. Each encoder output h_1 to h_T is scored against the "
        "decoder's previous state s_(t-1), e_(t,j) = w_v^T tanh(W_q s_(t-1) + W_k h_j); a softmax over "
        "the real source positions turns the scores into weights alpha_(t,j) that sum to one, padded "
        "positions getting weight zero; the context c_t is the weighted sum of the encoder outputs and "
        "is fed to the decoder at step t.",
        "Additive (Bahdanau) attention: a new context vector at every decoder step, a weighted "
        "average of all encoder outputs with weights computed from the decoder's state.",
        attention,
    ),
]
