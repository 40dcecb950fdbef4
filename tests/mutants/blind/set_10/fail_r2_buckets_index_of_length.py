# expect: fail
# exercise: 2
# what: recovers indices from the sorted lengths with lengths.index(value), which returns the first index of each length: sequences of equal length all map to one index (duplicates, others missing)
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    lengths = list(lengths)
    order = [lengths.index(n) for n in sorted(lengths)]
    batches = [order[k:k + batch_size] for k in range(0, len(order), batch_size)]
    perm = torch.randperm(len(batches), generator=generator).tolist()
    return [batches[p] for p in perm]


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
