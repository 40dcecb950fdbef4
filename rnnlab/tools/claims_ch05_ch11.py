"""Registered comparisons of chapters 5 and 11: what their stored outputs must show for the
sentences beside them to hold."""

from .comparison_claims import _claim

# chapter 5 prints "rho=R: gradient norm 0, 10, 50 steps back: a, b, c" per spectral radius
_GRADIENT_ROW = r"^rho={}: gradient norm 0, 10, 50 steps back: \S+, \S+, (\S+)$"


def _norm_50_steps_back(o, rho):
    return o.number(_GRADIENT_ROW.format(rho))


@_claim("chapters/05_bptt.ipynb", "vanishes even faster than")
def ch05_tanh_vanishes_faster(o):
    g0 = o.number(r"^rho=1.0: gradient norm 0, 10, 50 steps back: (\S+),")
    rows = {rho: _norm_50_steps_back(o, rho) for rho in (0.5, 1.0)}
    faster = all(g / g0 < rho**50 for rho, g in rows.items())
    return faster and rows[1.0] < 1e-10, f"50 steps back: {rows}, 0 steps back {g0}"


@_claim("chapters/05_bptt.ipynb", "only more slowly")
def ch05_tanh_moves_the_boundary(o):
    g0 = o.number(r"^rho=1.5: gradient norm 0, 10, 50 steps back: (\S+),")
    g = {rho: _norm_50_steps_back(o, rho) for rho in (1.0, 1.5, 3.0)}
    ok = g[1.0] < g[1.5] < g0 < g[3.0]
    return ok, f"50 steps back: {g}; 0 steps back {g0}"


@_claim("chapters/11_rnn_applications.ipynb", "worse still")
def ch11_backward_half_reads_one_character(o):
    diff = o.number(r"on the last character alone: max abs difference (\S+)$")
    halves = o.number(r"^\d+ passages, (\d+) distinct backward halves")
    last = o.number(r"distinct backward halves, (\d+) distinct last characters")
    h_n = o.number(r"^h_n, backward: changes for (\d+)% of the passages")
    out = o.number(r"backward half: changes for (\d+)% of the passages")
    ok = diff == 0 and halves == last and out == 0 and h_n == 100
    return ok, f"difference {diff}, {halves} halves for {last} last characters, {out}% vs {h_n}%"
