"""Looking for a hidden unit that tracks something a reader understands.

Run a trained character model over a long text, record every hidden unit at every character,
and correlate each unit with a feature of the text (how far into its line a character is, or
whether it is in a speaker's name). With hundreds of units, one of them correlates with
almost anything a little; so the same search is run on two controls: the untrained network
(same architecture, its initial weights) and the feature shifted along the text (its runs
kept, their alignment with the text lost). A unit is only interesting if it beats both.
"""

import numpy as np
import torch
from torch.nn import functional as F


@torch.no_grad()
def hidden_states(net, ids, device=None, chunk: int = 1000) -> np.ndarray:
    """The last layer's hidden state after each token of ``ids``, state carried throughout.

    ``net`` is an ``RNNLM``-like model (its recurrent layer is ``net.rnn``, its vocabulary size
    ``net.vocab_size``). The text is fed as one sequence (batch size 1) in chunks of
    ``chunk`` tokens, which gives the same states as feeding it at once.

    Shape:
        returns ``(len(ids), num_hiddens)``: row t is the output after reading token t.
    """
    device = device or next(net.parameters()).device
    state = net.begin_state(batch_size=1, device=device)
    ids = torch.as_tensor(ids).long()
    rows = []
    for start in range(0, len(ids), chunk):
        X = ids[start : start + chunk].to(device)
        inputs = F.one_hot(X, net.vocab_size).float()[:, None, :]  # (steps, 1, vocab_size)
        outputs, state = net.rnn(inputs, state)
        rows.append(outputs[:, 0, :].cpu())
    return torch.cat(rows).numpy()


def position_in_line(text: str) -> np.ndarray:
    """For each character, how many characters of its line came before it (0 at a newline:
    the newline ends a line, and the state after it starts the next one)."""
    out, pos = np.zeros(len(text)), 0
    for t, c in enumerate(text):
        pos = 0 if c == "\n" else pos + 1
        out[t] = pos
    return out


def in_speaker_line(text: str) -> np.ndarray:
    """1 for each character of a line that ends with ':' (a speaker's name, as in
    "First Citizen:"), including that line's newline; 0 elsewhere."""
    out = np.zeros(len(text))
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.endswith(":"):
            out[start : min(end + 1, len(text))] = 1
        start = end + 1
    return out


FEATURES = {
    "position in the line": position_in_line,
    "inside a speaker's name": in_speaker_line,
}


def correlations(states: np.ndarray, feature: np.ndarray) -> np.ndarray:
    """Pearson correlation of every unit (column of ``states``) with ``feature``.

    A unit that never changes gets 0 (it tracks nothing).
    """
    states = np.asarray(states, dtype=float)
    feature = np.asarray(feature, dtype=float)
    if states.shape[0] != feature.shape[0]:
        raise ValueError(
            f"states has {states.shape[0]} rows but the feature has {feature.shape[0]} values: "
            "expected one row of states per character of the text"
        )
    if feature.std() == 0:
        raise ValueError("the feature is constant over this text: nothing to correlate with")
    s = states - states.mean(axis=0)
    f = feature - feature.mean()
    norms = np.sqrt((s**2).sum(axis=0)) * np.sqrt((f**2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (s * f[:, None]).sum(axis=0) / norms
    return np.nan_to_num(r)


def best_unit(states, feature) -> tuple[int, float]:
    """``(unit, r)``: the unit whose correlation with ``feature`` is largest in size, and that
    correlation (signed: a unit that falls as the feature rises is as good a tracker)."""
    r = correlations(states, feature)
    unit = int(np.abs(r).argmax())
    return unit, float(r[unit])


def shifted(feature, fraction: float = 0.5) -> np.ndarray:
    """``feature`` rolled along the text by ``fraction`` of its length: the same values in
    the same runs, no longer lined up with the characters they describe (the control)."""
    feature = np.asarray(feature)
    return np.roll(feature, int(len(feature) * fraction))


def plot_unit_text(text: str, values, width: int = 64, ax=None, title=None):
    """Draw ``text`` with each character on a background coloured by ``values`` (one per
    character), line breaks kept, like the cells of Karpathy's char-rnn post.

    Blue is negative, red positive, on a scale symmetric around 0 (kept light enough for black
    letters to stay readable); a newline is drawn as
    '\u21b5' at the end of its row, and rows longer than ``width`` wrap. Returns ``ax``.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    values = np.asarray(values, dtype=float)
    if values.shape != (len(text),):
        raise ValueError(f"expected one value per character ({len(text)}), got shape {values.shape}")
    cells, row, col = [], 0, 0  # (row, col, char, value)
    for c, v in zip(text, values):
        cells.append((row, col, "\u21b5" if c == "\n" else c, v))
        col += 1
        if c == "\n" or col == width:
            row, col = row + 1, 0
    num_rows = row + (col > 0)
    if ax is None:
        _, ax = plt.subplots(figsize=(0.105 * width + 0.4, 0.2 * num_rows + 0.5))
    bound = float(np.abs(values).max()) or 1.0
    cmap = plt.get_cmap("RdBu_r")
    for r, c, ch, v in cells:
        ax.add_patch(Rectangle((c, -r - 1), 1, 1, color=cmap(0.5 + 0.4 * v / bound), linewidth=0))
        ax.text(c + 0.5, -r - 0.5, ch, ha="center", va="center", fontfamily="monospace", fontsize=8)
    ax.set_xlim(0, width)
    ax.set_ylim(-num_rows, 0)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize="medium")
    return ax
