# expect: fail
# exercise: 2
# what: shuffles the indices inside each batch with the generator but keeps the batches in sorted length order, so every epoch runs shortest-to-longest in the same order
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches = []
    for i in range(0, len(order), batch_size):
        chunk = order[i:i + batch_size]
        perm = torch.randperm(len(chunk), generator=generator).tolist()
        batches.append([chunk[p] for p in perm])
    return batches


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
