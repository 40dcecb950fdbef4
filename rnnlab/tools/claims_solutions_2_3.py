"""Registered comparisons of solutions 2 and 3 (their many runs need many claims): each check
reads the notebook's stored outputs."""

import re

from .comparison_claims import _claim

# -- solutions/03: the Q4 summary lines (lowest validation, epoch, training and held-out at the end)
S03 = "solutions/03_rnn_scratch.ipynb"


def _q4(o, name):
    """(lowest validation, its epoch, final training, final held-out) of one run of solutions 3."""
    pattern = (
        rf"^Q4: {re.escape(name)}\s*: lowest validation (\S+) at epoch\s+(\d+); "
        r"after \d+: training (\S+), held-out (\S+)"
    )
    return [float(x) for x in re.findall(pattern, o.text, flags=re.M)[0]]


@_claim(S03, "ends at a lower *training* perplexity than the one-layer network")
def s03_depth_training(o):
    one, two = _q4(o, "1 layer (ex. 1)"), _q4(o, "2 layers (ex. 1)")
    return two[2] < one[2], f"training {two[2]} against {one[2]}"


@_claim(S03, "but after 100 epochs the order has flipped")
def s03_depth_heldout(o):
    one, two = _q4(o, "1 layer (ex. 1)"), _q4(o, "2 layers (ex. 1)")
    return two[0] < one[0] and two[3] > one[3], f"lowest {two[0]} / {one[0]}, final {two[3]} / {one[3]}"


@_claim(S03, "layer mostly bought faster fitting")
def s03_depth_summary(o):
    ok = s03_depth_training(o)[0] and s03_depth_heldout(o)[0]
    return ok, "training lower, lowest validation lower, final held-out higher"


@_claim(S03, "processes markedly fewer tokens per second")
def s03_depth_speed(o):
    one, two = o.number(r"^1 layer: ([\d,]+) tokens/s"), o.number(r"^2 layers: ([\d,]+) tokens/s")
    return two < 0.75 * one, f"{two:,.0f} against {one:,.0f} tokens/s"


def _embedding(o):
    return _q4(o, "GRU, one-hot (ex. 2)"), _q4(o, "GRU, embedding (ex. 3)")


@_claim(S03, "Yet the embedding model learns much faster")
def s03_embedding_fits_faster(o):
    onehot, embed = _embedding(o)
    return embed[2] < onehot[2] / 2, f"training after 100 epochs {embed[2]} against {onehot[2]}"


@_claim(S03, "what the faster learning is worth")
def s03_embedding_worth(o):
    return s03_embedding_fits_faster(o)


@_claim(S03, "is better than anything the one-hot model reached")
def s03_embedding_lowest(o):
    onehot, embed = _embedding(o)
    return embed[0] < onehot[0], f"lowest validation {embed[0]} against {onehot[0]}"


@_claim(S03, "worse than the one-hot model's")
def s03_embedding_final(o):
    onehot, embed = _embedding(o)
    return embed[3] > onehot[3] and embed[2] < onehot[2], f"final held-out {embed[3]} / {onehot[3]}"


@_claim(S03, "predicts new text worse")
def s03_training_only(o):
    return s03_embedding_final(o)


@_claim(S03, "The one-hot model is the slower learner")
def s03_onehot_slower(o):
    onehot, embed = _embedding(o)
    return onehot[2] > embed[2] and onehot[
        1
    ] >= 90, f"training {onehot[2]} / {embed[2]}, lowest at {onehot[1]}"


@_claim(S03, "its lowest 8.70 at epoch 95) is close to its training perplexity")
def s03_onehot_not_memorised(o):
    onehot, _ = _embedding(o)
    return abs(onehot[3] - onehot[2]) < 0.2 * onehot[2], f"held-out {onehot[3]}, training {onehot[2]}"


def _clip_table(o, name):
    """(steps, median norm, max norm, training, held-out, lowest validation) of exercise 4's table."""
    return o.row(rf"^{re.escape(name)}\s{{2,}}")


@_claim(S03, "its median gradient norm is more than ten times that of the clipped runs")
def s03_tanh_blowup(o):
    blown = _clip_table(o, "tanh, no clip")
    clipped = [_clip_table(o, n)[1] for n in ("tanh, clip 1", "relu, clip 1")]
    return blown[1] > 10 * max(clipped), f"median {blown[1]} against {clipped}"


@_claim(S03, "is worse than predicting every character by its frequency")
def s03_tanh_worse_than_unigram(o):
    best = _clip_table(o, "tanh, no clip")[5]
    unigram = max(
        float(u) for u in re.findall(r"below the unigram baseline (\S+); carrying the state", o.text)
    )
    return best > unigram, f"lowest validation {best} against unigram {unigram}"


@_claim(S03, "far above the median of the")
def s03_theta_ten(o):
    small = o.number(r"^Q3: theta\s+0\.1: .*median gradient norm (\S+),")
    large = o.number(r"^Q3: theta 10\.0: .*median gradient norm (\S+),")
    return large > 10 * small, f"median norm {large} against {small}"


@_claim(S03, "never gets off the")
def s03_sigma_one(o):
    values = [float(v) for v in re.findall(r"^Q2: epoch\s+\d+: .*, sigma 1\s+(\S+)$", o.text, flags=re.M)]
    lowest = o.number(r"^sigma 1: perplexity training \S+, held-out \S+ \(lowest (\S+) at epoch")
    return len(values) >= 2 and min(
        values + [lowest]
    ) > 28, f"sigma 1: training {values}, lowest held-out {lowest}"


@_claim(S03, "makes that worse")
def s03_flatter_sampling(o):
    valid = {
        name: o.row(rf"^\s*{re.escape(name)}\s{{2,}}")[-2] for name in ("T = 1", "T = 1.5", "alpha = 0.5")
    }
    ok = max(valid["T = 1.5"], valid["alpha = 0.5"]) < valid["T = 1"]
    return ok, f"valid words (%): {valid}"


# -- solutions/02: Zipf for characters, smoothing a bigram model
S02 = "solutions/02_language_models.ipynb"


def _residuals(o):
    zipf = o.number(r"^Q2: log frequency against log rank \(Zipf\): slope \S+, largest residual (\S+)")
    exponential = o.number(
        r"^Q2: log frequency against rank \(exponential\): slope \S+, largest residual (\S+)"
    )
    return zipf, exponential


@_claim(S02, "Against the rank itself (an exponential law) the fit is better")
def s02_exponential_fits_better(o):
    zipf, exponential = _residuals(o)
    return exponential < zipf, f"largest residual {exponential} against {zipf}"


@_claim(S02, "fall off much faster than a power law allows")
def s02_tail(o):
    return s02_exponential_fits_better(o)


@_claim(S02, "more trust in the sparse bigram counts is worse here")
def s02_smoothing(o):
    half = o.number(r"^Q4: interpolated with the unigram \(weight 0\.5\): validation perplexity (\S+)")
    tenth = o.number(r"^Q4: interpolated with the unigram \(weight 0\.1\): validation perplexity (\S+)")
    laplace = o.number(r"^Q4: add-one \(Laplace\) bigram: validation perplexity (\S+)")
    return half < tenth < laplace, f"weight 0.5: {half}, weight 0.1: {tenth}, add-one: {laplace}"


# -- solutions/02: exercise 1 (| trained on | tokens | epochs | updates | train | val | best val @ | s |)
def _ex1(o, name):
    tokens, epochs, updates, train, val, best, best_epoch, seconds = o.row(rf"^\s*{name}(?=\s+[\d,]+\s)")
    return {"train": train, "val": val, "best": best, "best_epoch": best_epoch, "epochs": epochs}


def _unigram_validation(o):
    return o.number(r"^unigram baseline on the validation text: (\S+)")


@_claim(S02, "far above even the unigram baseline")
def s02_small_data_overfits(o):
    small = _ex1(o, "10,000 tokens")
    ok = small["train"] < 2.5 and small["best"] < small["val"] and small["val"] > 2 * _unigram_validation(o)
    return ok, f"10,000 tokens: {small}"


@_claim(S02, "against the small-data model's best of")
def s02_whole_book(o):
    whole, small = _ex1(o, "whole book"), _ex1(o, "10,000 tokens")
    ok = (
        abs(whole["val"] - whole["train"]) < 1
        and whole["best_epoch"] == whole["epochs"]
        and whole["val"] < small["best"]
    )
    return ok, f"whole book {whole}, small {small}"


@_claim(S02, "gives a lower validation perplexity and no gap")
def s02_summary_more_data(o):
    return s02_whole_book(o)


# -- solutions/02: exercise 2, validation perplexity, rows: trained on, columns: evaluated on
def _cross(o):
    table = o.block("validation perplexity; rows: trained on, columns: evaluated on")
    names = ("Time Machine", "War of Worlds", "Shakespeare", "both Wells", "unigram")
    return {n: table.row(rf"^\s*{n}(?=\s+\d)") for n in names}


@_claim(S02, "about twice their perplexity on Wells")
def s02_wells_on_shakespeare(o):
    t = _cross(o)
    ratios = [t["Time Machine"][2] / t["Time Machine"][0], t["War of Worlds"][2] / t["War of Worlds"][1]]
    ok = all(1.6 <= r <= 2.5 for r in ratios) and t["Shakespeare"][2] < min(
        t["Time Machine"][2], t["War of Worlds"][2]
    )
    return ok, f"on Shakespeare / on own book: {ratios}"


@_claim(S02, "the Shakespeare model does better on Wells")
def s02_asymmetric(o):
    t = _cross(o)
    ok = max(t["Shakespeare"][:2]) < min(t["Time Machine"][2], t["War of Worlds"][2])
    return (
        ok,
        f"Shakespeare on Wells {t['Shakespeare'][:2]}, "
        f"Wells on Shakespeare {[t['Time Machine'][2], t['War of Worlds'][2]]}",
    )


@_claim(S02, "The model trained on both Wells books is the best on each of them")
def s02_both_wells(o):
    t = _cross(o)
    both = t["both Wells"]
    ok = both[0] < t["Time Machine"][0] and both[1] < t["War of Worlds"][1]
    ok = ok and both[2] < min(t["Time Machine"][2], t["War of Worlds"][2])
    return ok, f"both Wells {both}"


# -- solutions/02: exercise 3, a word-level model
def _words(o):
    final = o.number(r"^validation perplexity: (\S+) after \d+ epochs, best")
    best = o.number(r"^validation perplexity: \S+ after \d+ epochs, best (\S+) after")
    unigram = o.number(r"^baselines: uniform over the vocabulary \d+, unigram (\S+)")
    per_char = o.number(r"^per character \(.*\): best (\S+), unigram")
    per_char_unigram = o.number(r"^per character \(.*\): best \S+, unigram (\S+)")
    return final, best, unigram, per_char, per_char_unigram


@_claim(S02, "is not worse than the character model's")
def s02_word_scale(o):
    final, best, unigram, _, _ = _words(o)
    return best < unigram, f"word model best {best}, unigram {unigram}"


@_claim(S02, "seemingly better than the character model's")
def s02_word_per_character(o):
    _, _, _, per_char, per_char_unigram = _words(o)
    char_model = _ex1(o, "whole book")["val"]
    return (
        per_char < per_char_unigram and per_char < char_model,
        f"{per_char} / {per_char_unigram} / {char_model}",
    )


@_claim(S02, "and rises after")
def s02_word_overfits(o):
    final, best, _, _, _ = _words(o)
    return best < final, f"best {best}, final {final}"
