"""Wrong and right answers to set 2's "write the sequential iterator" (round-1 style: written from
the exercise statement, each a mistake a learner makes), judged by
rnnlab.checks.check_sequential_iterator (in set02_sequential_iterator)."""

import random

import torch

from rnnlab.checks import check_sequential_iterator


def reference(corpus, batch_size, num_steps, offset=None):
    """The chapter's iterator: one long stream per row, walked num_steps at a time."""
    if offset is None:
        offset = random.randint(0, num_steps)
    num_tokens = ((len(corpus) - offset - 1) // batch_size) * batch_size
    Xs = torch.tensor(corpus[offset : offset + num_tokens]).reshape(batch_size, -1)
    Ys = torch.tensor(corpus[offset + 1 : offset + 1 + num_tokens]).reshape(batch_size, -1)
    num_batches = Xs.shape[1] // num_steps
    for i in range(0, num_steps * num_batches, num_steps):
        yield Xs[:, i : i + num_steps], Ys[:, i : i + num_steps]


def with_indices(corpus, batch_size, num_steps, offset=None):
    """Correct, another style: no reshape, every row's start computed, a list returned."""
    if offset is None:
        offset = random.randint(0, num_steps)
    row_length = (len(corpus) - offset - 1) // batch_size
    batches = []
    for k in range(row_length // num_steps):
        starts = [offset + i * row_length + k * num_steps for i in range(batch_size)]
        X = torch.tensor([corpus[s : s + num_steps] for s in starts], dtype=torch.int64)
        Y = torch.tensor([corpus[s + 1 : s + 1 + num_steps] for s in starts], dtype=torch.int64)
        batches.append((X, Y))
    return batches


def packed_rows(corpus, batch_size, num_steps, offset=None):
    """Correct, a different layout: each row's stream is exactly as long as the minibatches use,
    the streams packed one after another (the leftover all at the end)."""
    if offset is None:
        offset = random.randint(0, num_steps)
    num_batches = (len(corpus) - offset - 1) // (batch_size * num_steps)
    stream = num_batches * num_steps
    data = torch.tensor(corpus)
    for k in range(num_batches):
        starts = [offset + i * stream + k * num_steps for i in range(batch_size)]
        yield (
            torch.stack([data[s : s + num_steps] for s in starts]),
            torch.stack([data[s + 1 : s + 1 + num_steps] for s in starts]),
        )


def no_shift(corpus, batch_size, num_steps, offset=None):
    for X, _ in reference(corpus, batch_size, num_steps, offset):
        yield X, X.clone()


def no_random_offset(corpus, batch_size, num_steps, offset=None):
    return reference(corpus, batch_size, num_steps, 0 if offset is None else offset)


def offset_too_small(corpus, batch_size, num_steps, offset=None):
    if offset is None:
        offset = random.randint(0, num_steps - 1)  # the random iterator's range, one short here
    return reference(corpus, batch_size, num_steps, offset)


def ignores_offset(corpus, batch_size, num_steps, offset=None):
    return reference(corpus, batch_size, num_steps, random.randint(0, num_steps))


def time_major_reshape(corpus, batch_size, num_steps, offset=None):
    if offset is None:
        offset = random.randint(0, num_steps)
    num_tokens = ((len(corpus) - offset - 1) // batch_size) * batch_size
    Xs = torch.tensor(corpus[offset : offset + num_tokens]).reshape(-1, batch_size).T
    Ys = torch.tensor(corpus[offset + 1 : offset + 1 + num_tokens]).reshape(-1, batch_size).T
    for i in range(0, num_steps * (Xs.shape[1] // num_steps), num_steps):
        yield Xs[:, i : i + num_steps], Ys[:, i : i + num_steps]


def one_batch_short(corpus, batch_size, num_steps, offset=None):
    batches = list(reference(corpus, batch_size, num_steps, offset))
    return batches[:-1]


def no_minus_one(corpus, batch_size, num_steps, offset=None):
    if offset is None:
        offset = random.randint(0, num_steps)
    num_tokens = ((len(corpus) - offset) // batch_size) * batch_size  # forgets the last target
    Xs = torch.tensor(corpus[offset : offset + num_tokens]).reshape(batch_size, -1)
    Ys = torch.tensor(corpus[offset + 1 : offset + 1 + num_tokens]).reshape(batch_size, -1)
    for i in range(0, num_steps * (Xs.shape[1] // num_steps), num_steps):
        yield Xs[:, i : i + num_steps], Ys[:, i : i + num_steps]


def shuffled_batches(corpus, batch_size, num_steps, offset=None):
    batches = list(reference(corpus, batch_size, num_steps, offset))
    random.shuffle(batches)
    return batches


def positions_not_tokens(corpus, batch_size, num_steps, offset=None):
    return reference(list(range(len(corpus))), batch_size, num_steps, offset)


def overlapping_windows(corpus, batch_size, num_steps, offset=None):
    """Slides every row by one token per minibatch instead of num_steps."""
    if offset is None:
        offset = random.randint(0, num_steps)
    row_length = (len(corpus) - offset - 1) // batch_size
    for k in range(row_length // num_steps):
        starts = [offset + i * row_length + k for i in range(batch_size)]
        yield (
            torch.tensor([corpus[s : s + num_steps] for s in starts]),
            torch.tensor([corpus[s + 1 : s + 1 + num_steps] for s in starts]),
        )


def float_tokens(corpus, batch_size, num_steps, offset=None):
    for X, Y in reference(corpus, batch_size, num_steps, offset):
        yield X.float(), Y.float()


def run(fn):
    return lambda: check_sequential_iterator(fn)


MUTANTS = {
    "y_not_shifted": (run(no_shift), "Y must be X shifted by one"),
    "no_random_offset": (run(no_random_offset), "draw a fresh offset at every call"),
    "offset_excludes_num_steps": (run(offset_too_small), "includes both ends"),
    "given_offset_ignored": (run(ignores_offset), "skip exactly the first `offset` tokens"),
    "time_major_reshape": (run(time_major_reshape), "run of consecutive tokens"),
    "last_batch_dropped": (run(one_batch_short), "stops one minibatch early"),
    "stream_without_minus_one": (run(no_minus_one), "the boundary cases"),
    "batches_shuffled": (run(shuffled_batches), "must continue row i of the previous one"),
    "positions_instead_of_tokens": (run(positions_not_tokens), "do not yield positions"),
    "windows_overlap": (run(overlapping_windows), "must continue row i of the previous one"),
    "float_tensors": (run(float_tokens), "integer torch tensor"),
}

CORRECT = {
    "chapter_reshape": run(reference),
    "indices_and_a_list": run(with_indices),
    "packed_streams": run(packed_rows),
}
