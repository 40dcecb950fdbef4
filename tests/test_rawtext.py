"""rnnlab.rawtext: the as-written character pipeline, its three-way split, the unigram baseline
fitted on training text, and the longest stretch a sample shares with a text."""

import math
import random

import pytest
import torch

import rnnlab
from rnnlab import rawtext
from rnnlab.corpora import read_corpus_text


@pytest.fixture
def full_mode(monkeypatch):
    monkeypatch.delenv("RNNLAB_QUICK", raising=False)


def test_the_split_keeps_every_character_in_order(full_mode):
    text = read_corpus_text("tiny_shakespeare")
    split = rawtext.split_raw_text("tiny_shakespeare", val_fraction=0.05, test_fraction=0.05)
    assert split.train_text + split.val_text + split.test_text == text
    assert abs(len(split.test_text) - 0.05 * len(text)) <= 1
    assert abs(len(split.val_text) - 0.05 * len(text)) <= 1
    # case, punctuation, speaker names and line breaks survive
    assert split.train_text.startswith("First Citizen:\nBefore we proceed any further, hear me speak.")
    assert {"\n", ":", ",", "?", "F", "Z"} <= set(split.vocab.idx_to_token)
    # no held-out character is unknown, and ids go back to the text
    assert 0 not in split.test_ids
    assert "".join(split.vocab.to_tokens(split.val_ids[:500])) == split.val_text[:500]


def test_quick_mode_keeps_the_start_of_each_part(monkeypatch):
    monkeypatch.setenv("RNNLAB_QUICK", "1")
    quick = rawtext.split_raw_text("tiny_shakespeare")
    monkeypatch.delenv("RNNLAB_QUICK")
    full = rawtext.split_raw_text("tiny_shakespeare")
    for q, f in ((quick.train_text, full.train_text), (quick.test_text, full.test_text)):
        assert len(q) == 10000 and f.startswith(q)


@pytest.mark.parametrize("val, test", [(0, 0.1), (0.1, 0), (0.5, 0.5), (-0.1, 0.1), (1.2, 0.1)])
def test_bad_fractions_are_refused(val, test):
    with pytest.raises(ValueError, match="val_fraction and test_fraction"):
        rawtext.split_raw_text("tiny_shakespeare", val, test)


def test_loaders_give_shifted_batches_and_fixed_held_out_cuts(full_mode):
    split = rawtext.split_raw_text("tiny_shakespeare")
    train_iter, val_iter, test_iter = rawtext.loaders(split, 4, 7)
    assert train_iter.use_random_iter and not val_iter.random_offset and not test_iter.random_offset
    X, Y = next(iter(test_iter))
    assert X.shape == Y.shape == (4, 7)
    assert torch.equal(X[:, 1:], Y[:, :-1])
    assert X[0].tolist() == split.test_ids[:7]
    assert [x.tolist() for x, _ in val_iter] == [x.tolist() for x, _ in val_iter]


def test_unigram_perplexity_is_the_smoothed_cross_entropy():
    train, held = [1, 1, 2, 3], [1, 2]
    counts = [0 + 1, 2 + 1, 1 + 1, 1 + 1]  # add-one over 4 tokens: ids 0..3
    p = [c / sum(counts) for c in counts]
    expected = math.exp(-(math.log(p[1]) + math.log(p[2])) / 2)
    assert rawtext.unigram_perplexity(train, held, 4) == pytest.approx(expected)
    # a character never seen in training costs a finite amount
    assert math.isfinite(rawtext.unigram_perplexity(train, [0], 4))
    with pytest.raises(ValueError, match="non-empty"):
        rawtext.unigram_perplexity([], held, 4)


def brute_force_longest(sample, text):
    best = ""
    for i in range(len(sample)):
        for j in range(i + 1, len(sample) + 1):
            if j - i > len(best) and sample[i:j] in text:
                best = sample[i:j]
    return best


def test_longest_shared_stretch_agrees_with_brute_force():
    rng = random.Random(0)
    for _ in range(200):
        text = "".join(rng.choice("abc\n") for _ in range(rng.randint(0, 40)))
        sample = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 15)))
        got = rawtext.longest_shared_stretch(sample, text)
        assert len(got) == len(brute_force_longest(sample, text))
        assert got in text and got in sample


def test_longest_shared_stretch_finds_a_recited_passage():
    text = "To be, or not to be, that is the question:\nWhether 'tis nobler in the mind"
    sample = "xyzWhether 'tis nobler in the qq"
    assert rawtext.longest_shared_stretch(sample, text) == "Whether 'tis nobler in the "
    assert rawtext.longest_shared_stretch("", text) == ""


def test_unigram_perplexity_on_its_own_text_is_the_exp_entropy():
    ids = [0, 0, 1, 2, 2, 2]
    p = torch.tensor([2, 1, 3], dtype=torch.float64) / 6
    assert rnnlab.unigram_perplexity(ids) == pytest.approx(math.exp(-float((p * p.log()).sum())))
    # scored on held-out text it needs the vocabulary size for its smoothing
    with pytest.raises(ValueError, match="vocab_size"):
        rnnlab.unigram_perplexity(ids, [1])


def test_the_shakespeare_page_calls_the_one_unigram_baseline():
    """The page calls rawtext.unigram_perplexity: it must be the library's function, not a copy."""
    assert rawtext.unigram_perplexity is rnnlab.unigram_perplexity
