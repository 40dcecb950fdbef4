"""Registered comparisons in the chapters of other authors, and the comparative sentences there
that are neither generated nor tested yet (``PENDING``, each with its owner)."""

import re

from .comparison_claims import _claim


# -- chapters owned by other authors: comparisons that their stored outputs settle
@_claim("chapters/09_bidirectional_rnn.ipynb", "The bidirectional model wins clearly on held-out text")
def ch09_blank_filling(o):
    uni, bi = (
        o.row(r"^unidirectional(?=\s+[\d,]+\s)"),
        o.row(r"^bidirectional(?=\s+[\d,]+\s)"),
    )  # parameters, train %, test %
    n = o.number(r"(\d+) blanks to fill in the test windows")
    p = bi[2] / 100
    two_se = 200 * (2 * p * (1 - p) / n) ** 0.5
    return bi[2] - uni[
        2
    ] > two_se, f"test {bi[2]}% against {uni[2]}%, two standard errors {two_se:.1f} points"


@_claim("chapters/11_rnn_applications.ipynb", "the bidirectional one is clearly best")
def ch11_taggers(o):
    rows = {
        name: o.after("(bidirectional GRU tagger:").row(rf"^\s*{name}\s+letters")
        for name in ("pair rule", "GRU tagger", "bidirectional GRU tagger")
    }
    pair, uni, bi = rows.values()
    ok = bi[0] - uni[0] > 2 and bi[1] - uni[1] > 5 and uni[0] > pair[0] and uni[1] > pair[1]
    return ok, f"letters / words: {rows}"


@_claim("chapters/05_bptt.ipynb", "is nearly twice")
def ch05_sigma_max(o):
    ratios = [o.number(rf"spectral radius {r}: largest singular value (\S+)") / r for r in (0.9, 1.0)]
    return all(1.6 <= x <= 2.1 for x in ratios), f"sigma_max / rho = {ratios}"


@_claim("chapters/04_rnn_concise.ipynb", "The initialisation changes more than the implementation")
def ch04_initialisation_over_implementation(o):
    torch_rnn, same_weights, small_init = (
        o.row(rf"^\| {re.escape(name)} \|")
        for name in ("nn.RNN", "scratch, nn.RNN's weights", "scratch, 0.01 init")
    )  # training perplexity, test perplexity (after epoch 100), tokens/sec, seconds
    implementation = abs(same_weights[1] - torch_rnn[1])
    initialisation = torch_rnn[1] - small_init[1]
    ok = small_init[0] > torch_rnn[0] and initialisation > 0 and initialisation > 3 * implementation
    return ok, (
        f"training {small_init[0]} vs {torch_rnn[0]}; test {small_init[1]} vs {torch_rnn[1]} "
        f"(implementation moves test by {implementation:.2f}, initialisation by {initialisation:.2f})"
    )


# Sentences that compare measured results and are neither generated nor tested yet, each with its
# owner, to be generated, registered as a claim, or reworded, and then removed here. Empty since
# 2026-12-07: every comparative sentence of the book is generated or tested.
PENDING = []
