# expect: fail
# exercise: 2
# what: slips between the two lists: sorts the indices by length into order, but slices the unsorted range(len(lengths)) every batch_size, so the batches are runs of consecutive indices (no grouping by length at all; the shuffling of the batches is right)
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    indices = list(range(len(lengths)))
    order = sorted(indices, key=lambda i: lengths[i])
    batches = [indices[i:i + batch_size] for i in range(0, len(order), batch_size)]
    perm = torch.randperm(len(batches), generator=generator)
    return [batches[i] for i in perm.tolist()]


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
