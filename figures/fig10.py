"""Chapter 10: one small batch padded, masked and packed (the packing computed by PyTorch)."""

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

from style import INK, KINDS, MUTED, SMALL, box, canvas, label

CHAPTER = "10_rnn_practice"
WORDS = ["time", "machine", "by", "wells"]
STEP_TINT = "#dbe9f8"


def cell(ax, x, y, text, kind="input", size=SMALL, lw=0.8, edge=None):
    box(ax, x, y, 0.6, 0.6, text, kind, size=size, round=0.0, lw=lw, color=edge)


def packing():
    chars = sorted(set("".join(WORDS)))
    seqs = [torch.tensor([chars.index(c) + 1 for c in word]) for word in WORDS]
    lengths = torch.tensor([len(s) for s in seqs])
    X = pad_sequence(seqs, batch_first=True, padding_value=0)  # 0 = <pad>
    packed = pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False)
    batch_sizes = packed.batch_sizes.tolist()
    order = packed.sorted_indices.tolist()
    data = packed.data.tolist()

    fig, ax = canvas(18, 9.4)
    ax.set_ylim(1.0, 10.4)
    s = 0.6
    # the padded batch and its mask
    x0, y0 = 2.0, 8.3
    label(
        ax,
        x0 - 0.3,
        9.9,
        f"padded batch X: (batch_size, max_len) = {tuple(X.shape)}",
        size=SMALL,
        color=INK,
        ha="left",
    )
    label(ax, x0 - 0.3, y0 - 2.6, "mask: t < lengths[b]", size=SMALL, color=INK, ha="left")
    for b in range(len(WORDS)):
        label(ax, x0 - 0.75, y0 - b * s, f"b={b}", size=8.5)
        label(ax, x0 - 0.75, y0 - 3.3 - b * s, f"b={b}", size=8.5)
        for t in range(X.shape[1]):
            real = t < lengths[b]
            text = chars[X[b, t] - 1] if real else "pad"
            cell(ax, x0 + t * s, y0 - b * s, text, "input" if real else "pad", size=SMALL if real else 6.5)
            cell(ax, x0 + t * s, y0 - 3.3 - b * s, "1" if real else "0", "plain" if real else "pad")
        label(ax, x0 + X.shape[1] * s - 0.1, y0 - b * s, f"length {lengths[b].item()}", size=8.5, ha="left")
    for t in range(X.shape[1]):
        label(ax, x0 + t * s, y0 + 0.55, f"{t}", size=8, color=MUTED)
    label(
        ax, x0 - 0.3, 2.3, "The loss averages over the 1s only; an RNN run over X still", size=8.5, ha="left"
    )
    label(ax, x0 - 0.3, 1.85, "computes the pad cells, and its final state for a short", size=8.5, ha="left")
    label(ax, x0 - 0.3, 1.4, "sequence is the state after its pads.", size=8.5, ha="left")
    # the packed layout: one column per step, the running sequences longest first
    x1, y1 = 10.4, 8.3
    label(
        ax,
        x1 - 0.9,
        9.9,
        "packed = pack_padded_sequence(X, lengths,",
        size=SMALL,
        color=INK,
        ha="left",
        mono=True,
    )
    label(
        ax,
        x1 - 0.9,
        9.45,
        "          batch_first=True, enforce_sorted=False)",
        size=SMALL,
        color=INK,
        ha="left",
        mono=True,
    )
    gap, k = 0.85, 0
    for t, n in enumerate(batch_sizes):
        for j in range(n):
            b = order[j]
            last = t == lengths[b] - 1
            cell(
                ax,
                x1 + t * gap,
                y1 - j * s,
                chars[data[k] - 1],
                "input",
                lw=2.0 if last else 0.8,
                edge=KINDS["state"][1] if last else None,
            )
            k += 1
        label(ax, x1 + t * gap, y1 + 0.55, f"{t}", size=8, color=MUTED)
        label(ax, x1 + t * gap, y1 - 4 * s + 0.05, f"{n}", size=SMALL, color=INK)
    for j, b in enumerate(order):
        label(ax, x1 - 0.75, y1 - j * s, f"b={b}", size=8.5)
    label(ax, x1 - 0.9, y1 - 4 * s + 0.05, "batch_sizes", size=8.5, mono=True, ha="right")
    label(ax, x1 - 0.9, 4.6, f"sorted_indices = {order}  (longest first)", size=8.5, mono=True, ha="left")
    label(
        ax,
        x1 - 0.9,
        4.1,
        f"packed.data: {len(data)} tokens, no pads; the layer runs a batch of",
        size=8.5,
        ha="left",
    )
    label(
        ax, x1 - 0.9, 3.65, "batch_sizes[t] rows at step t, the running sequences first.", size=8.5, ha="left"
    )
    box(ax, x1 - 0.6, 2.85, 0.5, 0.4, "", "input", lw=2.0, color=KINDS["state"][1], round=0.0)
    label(ax, x1 - 0.2, 2.85, "each sequence's last token: its final state is the state", size=8.5, ha="left")
    label(ax, x1 - 0.2, 2.4, "after this step (h_n[:, b]), as if it had run alone.", size=8.5, ha="left")
    return fig


FIGURES = [
    (
        "10-packing",
        "A batch of four words, time, machine, by and wells, padded with pad tokens to length 7; "
        "below it the mask, 1 for real tokens and 0 for pads. On the right the packed layout: one "
        "column per time step holding only the sequences still running, longest first (machine, "
        "wells, time, by), with batch_sizes 4, 4, 3, 3, 2, 1, 1 and no pads; the last token of "
        "each sequence is outlined, since its final state is the state after that token.",
        "Padding, masking and packing one batch: the mask marks the real tokens; "
        "the packed layout keeps only the running sequences at every step.",
        packing,
    ),
]
