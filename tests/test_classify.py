"""rnnlab.classify: passages of the three corpora, padded batches, accuracy (chapter 11)."""

import torch
from torch import nn

from rnnlab import classify


def parts():
    gen = torch.Generator().manual_seed(0)
    return [torch.randint(2, 20, (n,), generator=gen) for n in (300, 400, 250)]


def is_slice_of(passage, ids):
    n = len(passage)
    return any(torch.equal(ids[s : s + n], passage) for s in range(len(ids) - n + 1))


def test_sample_passages_are_balanced_slices_of_their_part_with_lengths_in_range():
    ps = parts()
    passages, labels = classify.sample_passages(ps, 7, 5, 12, torch.Generator().manual_seed(1))
    assert len(passages) == 21 and labels.tolist() == [0] * 7 + [1] * 7 + [2] * 7
    for passage, label in zip(passages, labels.tolist()):
        assert 5 <= len(passage) <= 12
        assert is_slice_of(passage, ps[label])


def test_sample_passages_repeat_with_the_same_generator_and_differ_with_another():
    a, _ = classify.sample_passages(parts(), 5, 5, 12, torch.Generator().manual_seed(3))
    b, _ = classify.sample_passages(parts(), 5, 5, 12, torch.Generator().manual_seed(3))
    c, _ = classify.sample_passages(parts(), 5, 5, 12, torch.Generator().manual_seed(4))
    assert all(torch.equal(x, y) for x, y in zip(a, b))
    assert not all(len(x) == len(y) and torch.equal(x, y) for x, y in zip(a, c))


def test_pad_batch_pads_at_the_end_with_the_pad_id():
    X, lengths = classify.pad_batch([torch.tensor([5, 6, 7]), torch.tensor([8])], pad=1)
    assert X.tolist() == [[5, 6, 7], [8, 1, 1]] and lengths.tolist() == [3, 1]


def test_passage_batches_cover_every_passage_once_with_its_label():
    passages, labels = classify.sample_passages(parts(), 10, 3, 9, torch.Generator())
    seen = []
    for X, lengths, y in classify.passage_batches(passages, labels, 4, 1, torch.Generator()):
        assert X.shape[0] == len(lengths) == len(y) <= 4 and X.shape[1] == lengths.max()
        for row, n, label in zip(X, lengths.tolist(), y.tolist()):
            assert (row[n:] == 1).all()
            seen.append((tuple(row[:n].tolist()), label))
    want = sorted((tuple(p.tolist()), label) for p, label in zip(passages, labels.tolist()))
    assert sorted(seen) == want


class Oracle(nn.Module):
    """Scores that name the class by the passage's first token (0-2), for accuracy()."""

    def __init__(self):
        super().__init__()
        self.dummy = nn.Parameter(torch.zeros(1))

    def forward(self, X, lengths):
        return nn.functional.one_hot(X[:, 0] % 3, 3).float() + self.dummy


def test_accuracy_counts_argmax_hits():
    passages = [torch.tensor([0, 5]), torch.tensor([1]), torch.tensor([2, 2, 2]), torch.tensor([0])]
    labels = torch.tensor([0, 1, 0, 2])
    assert classify.accuracy(Oracle(), passages, labels, pad=9, batch_size=3) == 0.5


def test_passage_task_splits_each_corpus_80_20_with_a_shared_vocab():
    train_parts, test_parts, vocab = classify.passage_task()
    assert len(train_parts) == len(test_parts) == len(classify.CORPUS_NAMES) == 3
    assert "<pad>" in vocab and vocab["<pad>"] == 1 and vocab[" "] > 1
    for train, test, name in zip(train_parts, test_parts, classify.CORPUS_NAMES):
        total = len(train) + len(test)
        assert total == len(classify.corpus_text(name))
        assert abs(len(train) / total - 0.8) < 1e-3
        assert int(train.min()) >= 2  # no <unk>, no <pad> inside the text
