"""rnnlab.seq2seq, the date task of chapter 12: held-out years, right targets, the helpers."""

import datetime
import re

import pytest
import torch

from rnnlab import seq2seq


def test_years_are_split_without_overlap_and_pairs_respect_the_split():
    years = seq2seq.split_years()
    sets = {name: set(ys) for name, ys in years.items()}
    assert not sets["train"] & sets["valid"] and not sets["train"] & sets["test"]
    assert not sets["valid"] & sets["test"]
    assert sets["train"] | sets["valid"] | sets["test"] == set(seq2seq.YEARS)
    _, pairs = seq2seq.date_task(num_train=500, num_valid=200, num_test=200)
    for name, items in pairs.items():
        assert {int(target[:4]) for _, target in items} <= sets[name], name


def test_every_format_writes_a_date_whose_target_is_its_iso_form():
    day = datetime.date(1987, 3, 7)  # a Saturday
    written = {name: (precision, write(day)) for name, precision, write in seq2seq.FORMATS}
    assert written["d.m.yyyy"] == ("day", "7.3.1987")
    assert written["weekday the dth of month in the year ..."] == (
        "day",
        "saturday the seventh of march in the year nineteen eighty-seven",
    )
    assert written["month yyyy"] == ("month", "march 1987")
    assert seq2seq.iso(day, "day") == "1987-03-07" and seq2seq.iso(day, "month") == "1987-03"
    assert seq2seq.iso(day, "year") == "1987"
    for source, target in seq2seq.make_pairs(seq2seq.YEARS, 300, seed=1):
        assert re.fullmatch(r"\d{4}(-\d\d){0,2}", target), target
        assert set(source) <= set(seq2seq.CHARACTERS), source


@pytest.mark.parametrize(
    "year, words",
    [(1950, "nineteen fifty"), (1999, "nineteen ninety-nine"), (2000, "two thousand"),
     (2005, "two thousand and five"), (2024, "twenty twenty-four")],
)  # fmt: skip
def test_year_words(year, words):
    assert seq2seq.year_words(year) == words


def test_ordinals():
    assert [seq2seq.ordinal_words(n) for n in (1, 12, 20, 21, 30, 31)] == [
        "first",
        "twelfth",
        "twentieth",
        "twenty-first",
        "thirtieth",
        "thirty-first",
    ]


def test_vocabulary_round_trip_and_clear_errors():
    vocab = seq2seq.CharVocab()
    ids = vocab.encode("1987-03-07", eos=True)
    assert ids[-1] == vocab.eos and vocab.decode(ids) == "1987-03-07"
    assert vocab.decode(torch.tensor([vocab.bos, ids[0], vocab.eos, ids[1]])) == "1"
    with pytest.raises(ValueError, match="not in the vocabulary"):
        vocab.encode("März")
    with pytest.raises(ValueError, match="empty sequence"):
        seq2seq.pad_batch([torch.tensor([3]), torch.tensor([], dtype=torch.long)])
    X, lengths = seq2seq.pad_batch([torch.tensor([3, 4, 5]), torch.tensor([6])], pad=0)
    assert X.tolist() == [[3, 4, 5], [6, 0, 0]] and lengths.tolist() == [3, 1]


def test_character_error_rate():
    assert seq2seq.edit_distance("kitten", "sitting") == 3
    assert seq2seq.edit_distance("", "abc") == 3
    assert seq2seq.char_error_rate(["1987-03-07", "1987"], ["1987-03-07", "1988"]) == 1 / 14
    with pytest.raises(ValueError, match="predictions for"):
        seq2seq.char_error_rate(["a"], ["a", "b"])
