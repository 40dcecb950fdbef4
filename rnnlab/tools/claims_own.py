"""Registered comparisons of the chapters and solutions this module's authors keep (chapters 10
and 12, the solution notebooks): each check reads the notebook's stored outputs."""

import re

from .comparison_claims import _claim

# -- solutions/01: the k-step table (columns MLP, LSTM, repeat last) and the window table
S01 = "solutions/01_sequence_models.ipynb"


def _kstep(o, k):
    return o.block("test MSE of k-step-ahead predictions").row(rf"^\s+{k}\s")


@_claim(S01, "Here the LSTM degrades faster than the MLP")
def lstm_degrades_faster(o):
    (m1, l1, _), (m64, l64, _) = _kstep(o, 1), _kstep(o, 64)
    ok = all(_kstep(o, k)[1] > _kstep(o, k)[0] for k in (2, 4, 8, 16, 32, 64)) and l64 - l1 > m64 - m1
    return ok, f"LSTM above the MLP for k >= 2; growth {l64 - l1:.4f} against {m64 - m1:.4f}"


@_claim(S01, "the repeat-last baseline is better than both")
def repeat_last_wins_late(o):
    late = all(r[2] < min(r[0], r[1]) for r in (_kstep(o, 32), _kstep(o, 64)))
    m16, l16, r16 = _kstep(o, 16)
    level = abs(r16 - m16) < 0.1 * m16 and l16 > 1.5 * r16
    return late and level, f"k=16: MLP {m16}, LSTM {l16}, repeat last {r16}"


@_claim(S01, "Four means of 16 values (64 steps) give the lowest error in the table")
def block_means_lowest(o):
    best = o.row(r"4 means of 16 values \(64 steps\)")[0]
    others = [o.row(rf"^\s+last {t} values\s")[0] for t in (1, 2, 4, 8, 16, 32, 64)]
    others += [o.row(rf"4 means of {w} values")[0] for w in (4, 8)]
    return best < min(others), f"{best} against the others' minimum {min(others)}"


# -- solutions/04: the hidden-size sweep, | units | parameters | train | validation | tok/s | s |
S04 = "solutions/04_rnn_concise.ipynb"


def _sweep(o, h):
    return o.row(rf"^\| {h} \|")  # parameters, train, validation, tokens/s, seconds


@_claim(S04, "the 512-unit model fit the training text best and the validation text worst")
def sweep_summary(o):
    """The summary's sentence; the answer's other comparisons are generated in the notebook."""
    rows = {h: _sweep(o, h) for h in (64, 128, 256, 512)}
    ok = rows[512][1] == min(r[1] for r in rows.values()) and rows[512][2] == max(r[2] for r in rows.values())
    return ok, f"train/validation per size: {rows}"


# -- chapters/10: | layer | parameters | train | held-out | training tok/s | inference | generated |
C10 = "chapters/10_rnn_practice.ipynb"


def _layers(o):
    return {name: o.row(rf"^\| {name} \|") for name in ("RNN", "GRU", "LSTM")}


@_claim(C10, "gated layers end higher on the training text, the LSTM highest")
def ch10_training_order(o):
    r = _layers(o)
    return r["RNN"][1] < r["GRU"][1] < r["LSTM"][1], f"training {[v[1] for v in r.values()]}"


@_claim(C10, "the ranking turns around")
def ch10_heldout_turns(o):
    r = _layers(o)
    return r["RNN"][2] > max(r["GRU"][2], r["LSTM"][2]), f"held-out {[v[2] for v in r.values()]}"


@_claim(C10, "held-out perplexity is by far the worst")
def ch10_rnn_far_worst(o):
    r = _layers(o)
    return r["RNN"][2] > 2 * max(r["GRU"][2], r["LSTM"][2]), f"held-out {[v[2] for v in r.values()]}"


# -- solutions/07: the coupled gate against nn.LSTM, and h = c against nn.LSTM
S07 = "solutions/07_lstm.ipynb"


def _coupled(o):
    """(training, held-out, lowest held-out, its epoch) of the coupled model and of nn.LSTM."""
    pattern = (
        r"{}: [\d,]+ parameters; perplexity: training (\S+), held-out (\S+) "
        r"\(lowest held-out (\S+) at epoch (\d+)\)"
    )
    return [
        [float(x) for x in re.findall(pattern.format(name), o.text)[0]]
        for name in (r"coupled \(scratch\)", r"nn\.LSTM")
    ]


@_claim(S07, "the coupled model ends *lower*")
def coupled_lower_training(o):
    coupled, lstm = _coupled(o)
    return coupled[0] < lstm[0], f"training {coupled[0]} against {lstm[0]}"


@_claim(S07, "Ranked on training perplexity, the coupled model would look better")
def coupled_worse_heldout(o):
    coupled, lstm = _coupled(o)
    ok = coupled[0] < lstm[0] and coupled[1] > lstm[1] and 0 < coupled[2] - lstm[2] < 0.05 * lstm[2]
    return (
        ok,
        f"training {coupled[0]} / {lstm[0]}, held-out {coupled[1]} / {lstm[1]}, "
        f"lowest {coupled[2]} / {lstm[2]}",
    )


@_claim(S07, "costs little held-out perplexity (lowest")
def coupled_summary(o):
    return coupled_worse_heldout(o)


@_claim(S07, "both LSTMs overfit the training text within about 20 epochs")
def coupled_overfit_epochs(o):
    coupled, lstm = _coupled(o)
    ok = coupled_worse_heldout(o)[0] and all(15 <= r[3] <= 25 and r[1] > r[2] for r in (coupled, lstm))
    return ok, f"lowest held-out at epochs {coupled[3]:.0f} and {lstm[3]:.0f}, then higher"


def _h_equals_c(o):
    variant = [
        float(x)
        for x in re.findall(r"h = c: perplexity after 20 epochs: training (\S+), held-out (\S+)", o.text)[0]
    ]
    lstm = [
        float(x)
        for x in re.findall(r"nn\.LSTM: perplexity after 20 epochs: training (\S+), held-out (\S+)", o.text)[
            0
        ]
    ]
    return variant, lstm


@_claim(S07, "here even faster than the full LSTM")
def h_equals_c_learns_faster(o):
    variant, lstm = _h_equals_c(o)
    return variant[0] < lstm[0] and variant[1] < lstm[
        1
    ], f"h = c {variant}, nn.LSTM {lstm} (training, held-out)"


@_claim(S07, "predicts the 10,000 characters it never saw better")
def h_equals_c_heldout(o):
    return h_equals_c_learns_faster(o)


# -- solutions/11: the padded bidirectional GRU against packing (ms per forward and backward pass)
S11 = "solutions/11_rnn_applications.ipynb"
_PACKING = r"packed nn\.GRU\(bidirectional=True\) (\d+) ms, BiGRUPadded (\d+) ms"


@_claim(S11, "the padded version took less than half the time of the packed one")
def padded_twice_as_fast(o):
    packed, padded = (float(x) for x in re.findall(_PACKING, o.text)[0])
    return packed / padded > 2, f"packed / padded = {packed / padded:.2f}"


@_claim(S11, "was more accurate than a bag-of-characters baseline")
def classifier_beats_bag(o):
    acc, base = (
        float(x)
        for x in re.findall(r"held-out accuracy (\S+)% on .*bag-of-characters baseline (\S+)%", o.text)[0]
    )
    return acc > base > 33.3, f"held-out {acc}%, bag of characters {base}%, chance 33.3%"


@_claim(S11, "on this CPU it was also faster than packing")
def padded_faster_summary(o):
    packed, padded = (float(x) for x in re.findall(_PACKING, o.text)[0])
    return padded < packed, f"padded {padded} ms, packed {packed} ms"


# -- chapters/12: beam widths, | beam | valid exact | test exact | test CER | ms/source |
C12 = "chapters/12_seq2seq.ipynb"


@_claim(C12, "grew much less than the width in this run")
def beam_time_sublinear(o):
    ms = {k: o.row(rf"^\s+{k}\s+\d+\.\d%")[-1] for k in (1, 8)}
    return ms[8] / ms[1] < 2, f"ms per source: width 1 {ms[1]}, width 8 {ms[8]}"


# -- solutions/09: the blank filler with 189 forward units and read backwards (question 2 and 3)
S09 = "solutions/09_bidirectional_rnn.ipynb"


def _filler(o, name, units):
    pattern = rf"^\s*{name}, {units} units:\s+[\d,]+ parameters, (\S+)% of the (\d+) test blanks"
    acc, n = re.findall(pattern, o.text, flags=re.M)[0]
    return float(acc) / 100, int(n)


@_claim(S09, "did not close the gap")
def wider_forward_keeps_gap(o):
    (wide, n), (both, _) = _filler(o, "forward", 189), _filler(o, "bidirectional", 128)
    two_se = 2 * (2 * both * (1 - both) / n) ** 0.5
    return both - wide > two_se, f"bidirectional {both:.3f} - forward 189 {wide:.3f} > {two_se:.3f}"


@_claim(S09, "within noise of each other")
def directions_within_noise(o):
    (fwd, n), (bwd, _) = _filler(o, "forward", 128), _filler(o, "backward", 128)
    two_se = 2 * (2 * fwd * (1 - fwd) / n) ** 0.5
    return abs(fwd - bwd) < two_se, f"|{fwd:.3f} - {bwd:.3f}| < {two_se:.3f}"


def _leak(o):
    """(training, held-out, held-out from the prefix only) of the bidirectional and forward LMs."""
    return o.row(r"^\s+bidirectional:"), o.row(r"^\s+forward only:")


@_claim(S09, "much lower training perplexity than the forward-only one")
def bidirectional_fits_far_lower(o):
    bi, fwd = _leak(o)
    return bi[0] < fwd[0] / 2, f"training {bi[0]} against {fwd[0]}"


@_claim(S09, "nine times its score with the text fed whole")
def bidirectional_prefix_only(o):
    bi, fwd = _leak(o)
    letters = o.number(r"letter frequencies alone: held-out perplexity (\S+)")
    ratio = bi[2] / bi[1]
    ok = 8.5 <= ratio < 9.5 and fwd[2] < bi[2] < letters
    return ok, f"prefix only {bi[2]} = {ratio:.2f} x {bi[1]}; forward {fwd[2]}; letters {letters}"


@_claim(S09, "worse than a forward-only GRU's")
def bidirectional_prefix_summary(o):
    bi, fwd = _leak(o)
    return fwd[2] < bi[2], f"prefix only: bidirectional {bi[2]}, forward {fwd[2]}"


@_claim(C10, "plain RNN fits the 10,000 training characters fastest")
def ch10_rnn_fits_fastest(o):
    r = _layers(o)
    return r["RNN"][1] == min(v[1] for v in r.values()), f"training {[v[1] for v in r.values()]}"


@_claim(C10, "plain RNN fits the training text fastest and generalises worst")
def ch10_summary(o):
    r = _layers(o)
    # "the GRU and the LSTM end nearer to each other than to it" (held-out perplexity)
    close = abs(r["GRU"][2] - r["LSTM"][2]) < min(r["RNN"][2] - r["GRU"][2], r["RNN"][2] - r["LSTM"][2])
    ok = ch10_rnn_fits_fastest(o)[0] and r["RNN"][2] == max(v[2] for v in r.values()) and close
    return ok, f"training {[v[1] for v in r.values()]}, held-out {[v[2] for v in r.values()]}"


# -- solutions/08: the gradient at initialisation (question 2)
S08 = "solutions/08_deep_rnn.ipynb"


@_claim(S08, "about four times smaller in the two-layer LSTM")
def s08_first_layer_gradient(o):
    one = o.number(r"^1-layer LSTM at initialisation: .*first layer's input weights (\S+)")
    two = o.number(r"^2-layer LSTM at initialisation: .*first layer's input weights (\S+)")
    return 3.3 <= one / two <= 4.7, f"{one} / {two} = {one / two:.2f}"


# -- solutions/06: GRU against LSTM (exercise 1) and the one-gate variants (exercise 2)
S06 = "solutions/06_gru.ipynb"


def _gru_lstm(o, name):
    """(training @30, final, held-out @30, final, lowest) and (parameters, formula, tok/s, ms, s)."""
    ppl = o.block("perplexity training @30").row(rf"^\s*{name}\s")
    speed = o.block("parameters  formula  tokens/s").row(rf"^\s*{name}\s")
    return ppl, speed


@_claim(S06, "the LSTM step took less time than the")
def s06_lstm_step(o):
    gru, lstm = _gru_lstm(o, "GRU")[1], _gru_lstm(o, "LSTM")[1]
    return lstm[3] < gru[3], f"ms per step: LSTM {lstm[3]}, GRU {gru[3]}"


@_claim(S06, "the GRU learns faster in this run")
def s06_gru_learns_faster(o):
    gru, lstm = _gru_lstm(o, "GRU")[0], _gru_lstm(o, "LSTM")[0]
    return gru[0] < lstm[0] and gru[2] < lstm[
        2
    ], f"@30 training {gru[0]} / {lstm[0]}, held-out {gru[2]} / {lstm[2]}"


@_claim(S06, "the GRU reaches a lower perplexity than the LSTM here")
def s06_gru_lower_final(o):
    gru, lstm = _gru_lstm(o, "GRU")[0], _gru_lstm(o, "LSTM")[0]
    return gru[1] < lstm[1] and gru[3] < lstm[
        3
    ], f"final training {gru[1]} / {lstm[1]}, held-out {gru[3]} / {lstm[3]}"


def _variants(o):
    """name -> (training, held-out, lowest held-out, its epoch) after 100 epochs."""
    names = ("GRU (both gates)", "reset gate only", "update gate only")
    pattern = r"{}: perplexity training (\S+), held-out (\S+) \(lowest (\S+) at epoch (\d+)\)"
    return {n: [float(x) for x in re.findall(pattern.format(re.escape(n)), o.text)[0]] for n in names}


@_claim(S06, "both one-gate variants fit the training text better than the full GRU")
def s06_variants_fit(o):
    v = _variants(o)
    full = v["GRU (both gates)"][0]
    return all(v[n][0] < full for n in ("reset gate only", "update gate only")), f"training {v}"


@_claim(S06, "A variant with one gate fewer has less to learn and less damping, and fits faster")
def s06_variants_fit_again(o):
    return s06_variants_fit(o)


@_claim(S06, "is clearly the worst")
def s06_update_only_worst(o):
    v = _variants(o)
    full, reset, update = v["GRU (both gates)"], v["reset gate only"], v["update gate only"]
    ok = abs(full[1] - reset[1]) <= 0.05 and update[1] > max(full[1], reset[1]) + 0.5
    return ok and update[0] == min(x[0] for x in v.values()), f"held-out {full[1]}, {reset[1]}, {update[1]}"


@_claim(S06, "So the ranking by training perplexity (update only, reset only, full GRU)")
def s06_training_order(o):
    v = _variants(o)
    full, reset, update = v["GRU (both gates)"], v["reset gate only"], v["update gate only"]
    return update[0] < reset[0] < full[0] and update[1] > full[
        1
    ], f"training {update[0]} < {reset[0]} < {full[0]}"


@_claim(S06, "Here that made it the fastest to fit the training text and the fastest to memorise it")
def s06_update_memorises(o):
    v = _variants(o)
    rise = {n: x[1] - x[2] for n, x in v.items()}
    ok = v["update gate only"][0] == min(x[0] for x in v.values()) and rise["update gate only"] == max(
        rise.values()
    )
    return ok, f"held-out rise after the lowest point: {rise}"


@_claim(S06, "and better\nat its best epoch")
def s06_reset_only_heldout(o):
    v = _variants(o)
    full, reset = v["GRU (both gates)"], v["reset gate only"]
    return reset[2] < full[2] and abs(
        reset[1] - full[1]
    ) <= 0.05, f"lowest {reset[2]} / {full[2]}, final {reset[1]} / {full[1]}"


@_claim(S06, "but neither predicts held-out text clearly better")
def s06_summary_variants(o):
    ok = s06_variants_fit(o)[0] and s06_update_only_worst(o)[0]
    return ok, "one-gate variants fit better, none predicts held-out text better by more than 0.05"


def _deep_swap(o):
    lstm = o.row(r"^2-layer LSTM: [\d,]+ parameters,")  # validation perplexity, ms per step
    gru = o.row(r"^2-layer GRU: [\d,]+ parameters,")
    return gru, lstm


@_claim(S08, "the two-layer GRU reaches a lower validation perplexity than the two-layer LSTM")
def s08_gru_validates_lower(o):
    gru, lstm = _deep_swap(o)
    return gru[0] < lstm[0], f"validation {gru[0]} against {lstm[0]}"


@_claim(S08, "the two-layer GRU validated better than the two-layer LSTM here")
def s08_gru_summary(o):
    return s08_gru_validates_lower(o)


@_claim(S08, "Per step, the GRU was *slower* on this CPU")
def s08_gru_slower_step(o):
    gru, lstm = _deep_swap(o)
    return gru[1] > lstm[1], f"ms per step {gru[1]} against {lstm[1]}"


@_claim(S08, "took about twice as long as the one-layer layer")
def s08_two_layers_twice(o):
    two = o.number(r"^\s*nn\.RNN, 2 layers: (\S+) ms per minibatch")
    one = o.number(r"^\s*nn\.RNN, 1 layer: (\S+) ms per minibatch")
    return 1.5 <= two / one <= 2.7, f"{two} ms against {one} ms"


@_claim(S08, "at rate 2 the training perplexity leaves the plateau within those epochs")
def s08_rate_two_leaves_plateau(o):
    fast = re.findall(r"^rate 2: training perplexity below (\d+) in epoch (\d+);", o.text, flags=re.M)
    slow = re.findall(r"^rate 1: training perplexity below \d+ not within (\d+) epochs;", o.text, flags=re.M)
    unigram_level = o.number(r"^rate 1: .*after \d+ epochs training (\S+),")
    return bool(fast and slow) and unigram_level > 16, f"rate 2: {fast}, rate 1 not within {slow} epochs"
