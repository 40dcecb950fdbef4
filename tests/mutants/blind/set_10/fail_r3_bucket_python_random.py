# expect: fail
# exercise: 2
# what: shuffles the batch order with Python's random.shuffle, ignoring the generator argument (same generator seed does not give the same order; the order does not follow the generator)
# %% cell 5b267bc5
import random


def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    random.shuffle(batches)
    return batches


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
