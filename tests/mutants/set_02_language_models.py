"""Wrong solutions of solutions/02_language_models.ipynb: a split in time, a trained model judged
on held-out text, a cross-perplexity table, word vocabularies."""

import math

from mutant_helpers import CountLM

import rnnlab
from rnnlab import checks


def split(corpus, val_fraction):
    n_val = int(len(corpus) * val_fraction)
    return corpus[: len(corpus) - n_val], corpus[len(corpus) - n_val :]


def sp(fn):
    return lambda: checks.check_train_val_split(fn)


_DATA = {}


def data():
    """Two corpora with one shared vocabulary; count models trained on each one's first 90%."""
    if not _DATA:
        names = ["time_machine", "war_of_the_worlds"]
        vocab = rnnlab.Vocab([line for n in names for line in rnnlab.tokenize(rnnlab.read_lines(n), "char")])
        splits = [
            split(list(rnnlab.load_corpus(n, "char", max_tokens=4000, vocab=vocab)[0]), 0.25) for n in names
        ]
        _DATA.update(
            V=len(vocab),
            trains=[t for t, _ in splits],
            nets=[CountLM(t, len(vocab)) for t, _ in splits],
            vals=[rnnlab.SeqDataLoader(v, 4, 10) for _, v in splits],
            on_train=[rnnlab.SeqDataLoader(t, 4, 10) for t, _ in splits],
        )
    return _DATA


def table(nets, val_iters):
    return [[rnnlab.evaluate_perplexity(n, it) for it in val_iters] for n in nets]


def cross(fn, vals="vals", train=True):
    def run():
        d = data()
        checks.check_cross_perplexity(fn, d["nets"], d[vals], d["trains"] if train else None)

    return run


def fixed_table(nets, val_iters):  # the table of the notebook's own models, whatever it is given
    d = data()
    return table(d["nets"], d["vals"])


def heldout(val="vals", net=None):
    def run():
        d = data()
        checks.check_trained_lm(
            net if net is not None else d["nets"][0], d[val][0], "the model", d["trains"][0]
        )

    return run


def sizes(lines, min_freqs):
    tokens = rnnlab.tokenize(lines, "word")
    return {m: len(rnnlab.Vocab(tokens, min_freq=m)) for m in min_freqs}


def vs(fn):
    return lambda: checks.check_word_vocab_sizes(fn, rnnlab.read_time_machine()[:600])


MUTANTS = {
    "split_overlap": (
        sp(lambda c, f: (c[: len(c) - int(len(c) * f) + 1], c[len(c) - int(len(c) * f) :])),
        "overlap by one",
    ),
    "split_shuffled": (sp(lambda c, f: (split(c, f)[0][::-1], split(c, f)[1])), "leak"),
    "split_fraction_is_train_share": (sp(lambda c, f: split(c, 1 - f)), "VALIDATION share"),
    "split_val_at_start": (
        sp(lambda c, f: (c[int(len(c) * f) :], c[: int(len(c) * f)])),
        "END of the corpus",
    ),
    "split_interleaved": (
        sp(
            lambda c, f: (
                c[: len(c) - int(len(c) * f)],
                c[:: max(1, round(1 / f))][: int(len(c) * f)] if f else [],
            )
        ),
        "order",
    ),
    "heldout_val_on_training_text": (heldout(val="on_train"), "built on (part of) the training text"),
    "heldout_reports_a_number": (
        lambda: checks.check_trained_lm(5.0, data()["vals"][0], "the model", data()["trains"][0]),
        "not a perplexity",
    ),
    "heldout_model_without_memory": (
        heldout(net=None)
        if False
        else (
            lambda: checks.check_trained_lm(
                CountLM(data()["trains"][0], data()["V"], order=1),
                data()["vals"][0],
                "the model",
                data()["trains"][0],
            )
        ),
        "not carried through time",
    ),
    "cross_table_instead_of_function": (
        lambda: checks.check_cross_perplexity(
            table(data()["nets"], data()["vals"]), data()["nets"], data()["vals"]
        ),
        "pass the function",
    ),
    "cross_ignores_its_arguments": (cross(fixed_table), "compute the table from the arguments"),
    "cross_transposed": (cross(lambda n, v: [list(r) for r in zip(*table(n, v))]), "transposed"),
    "cross_log_perplexity": (
        cross(lambda n, v: [[math.log(x) for x in r] for r in table(n, v)]),
        "exp(mean cross-entropy)",
    ),
    "cross_constant": (cross(lambda n, v: [[7.5] * len(v) for _ in n]), "evaluate_perplexity"),
    "cross_val_on_training_text": (cross(table, vals="on_train"), "built on (part of) the training text"),
    "vocab_no_unk": (vs(lambda l, mf: {m: s - 1 for m, s in sizes(l, mf).items()}), "<unk>"),
    "vocab_characters": (
        vs(lambda l, mf: {m: len(rnnlab.Vocab(rnnlab.tokenize(l, "char"), min_freq=m)) for m in mf}),
        "likely cause",
    ),
    "vocab_strictly_greater": (
        vs(lambda l, mf: {m: len(rnnlab.Vocab(rnnlab.tokenize(l, "word"), min_freq=m + 1)) for m in mf}),
        ">= min_freq",
    ),
    "vocab_list": (vs(lambda l, mf: [sizes(l, mf)[m] for m in mf]), "one entry per min_freq"),
}

CORRECT = {
    "split": sp(split),
    "heldout": heldout(),
    "cross": cross(table),
    "vocab": vs(sizes),
}
