"""Passages of the book's three corpora, for sequence classification (chapter 11).

Which corpus is a passage from? Each corpus is read as one string of lower-case letters and
single spaces (the pipeline of ``rnnlab.data``), split into a training part (the first 80%) and
a held-out part (the rest), and passages of random length are cut at random places. A batch of
passages is padded to its longest one and comes with the passages' lengths, ready for
``pack_padded_sequence`` (chapter 10).
"""

import torch
from torch.nn.utils.rnn import pad_sequence

from .data import Vocab, read_lines

CORPUS_NAMES = ("time_machine", "tiny_shakespeare", "war_of_the_worlds")
PAD = "<pad>"


def corpus_text(name):
    """A whole corpus as one string: its non-empty lines joined with single spaces."""
    return " ".join(line for line in read_lines(name) if line)


def passage_task(names=CORPUS_NAMES, heldout=0.2):
    """Token ids of each corpus, split into training and held-out parts, and the Vocab.

    Returns ``(train_parts, test_parts, vocab)``: two lists of 1-d tensors, one per corpus in
    the order of ``names`` (its index is the class label). The Vocab has the characters of all
    corpora and the reserved token ``'<pad>'``.
    """
    texts = [corpus_text(name) for name in names]
    vocab = Vocab([list(text) for text in texts], reserved_tokens=[PAD])
    train_parts, test_parts = [], []
    for text in texts:
        ids = torch.tensor([vocab.token_to_idx.get(c, vocab.unk) for c in text])
        split = int((1 - heldout) * len(ids))
        train_parts.append(ids[:split])
        test_parts.append(ids[split:])
    return train_parts, test_parts, vocab


def sample_passages(parts, num_per_class, min_len, max_len, generator=None):
    """``num_per_class`` passages from each part, lengths uniform in [min_len, max_len].

    Returns ``(passages, labels)``: a list of 1-d id tensors and a tensor of class indices
    (the index of the part each passage was cut from).
    """
    passages, labels = [], []
    for label, ids in enumerate(parts):
        if len(ids) <= max_len:
            raise ValueError(f"part {label} has {len(ids)} tokens, too few for passages of up to {max_len}")
        lengths = torch.randint(min_len, max_len + 1, (num_per_class,), generator=generator)
        starts = torch.randint(0, len(ids) - max_len, (num_per_class,), generator=generator)
        passages += [ids[s : s + n] for s, n in zip(starts.tolist(), lengths.tolist())]
        labels += [label] * num_per_class
    return passages, torch.tensor(labels)


def pad_batch(passages, pad):
    """Pad a list of 1-d id tensors: ``X`` (batch_size, max_len) and ``lengths`` (batch_size,)."""
    lengths = torch.tensor([len(p) for p in passages])
    return pad_sequence(passages, batch_first=True, padding_value=pad), lengths


def passage_batches(passages, labels, batch_size, pad, generator=None):
    """Minibatches ``(X, lengths, y)``; shuffled when a ``generator`` is given, else in order."""
    if generator is None:
        order = torch.arange(len(passages))
    else:
        order = torch.randperm(len(passages), generator=generator)
    for i in range(0, len(passages), batch_size):
        idx = order[i : i + batch_size]
        X, lengths = pad_batch([passages[j] for j in idx.tolist()], pad)
        yield X, lengths, labels[idx]


@torch.no_grad()
def accuracy(net, passages, labels, pad, batch_size=512):
    """Share of passages whose argmax class ``net(X, lengths)`` equals the label."""
    was_training = net.training
    net.eval()
    device = next(net.parameters()).device
    correct = 0
    for X, lengths, y in passage_batches(passages, labels, batch_size, pad):
        logits = net(X.to(device), lengths)
        correct += (logits.argmax(dim=-1).cpu() == y).sum().item()
    net.train(was_training)
    return correct / len(passages)
