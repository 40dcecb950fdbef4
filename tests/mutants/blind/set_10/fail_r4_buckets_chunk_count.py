# expect: fail
# exercise: 2
# what: cuts the sorted indices with torch.chunk(batch_size), which makes batch_size chunks (of about n / batch_size indices each) instead of chunks OF batch_size, so batches hold far more than batch_size indices
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    order = torch.argsort(torch.as_tensor(lengths), stable=True)
    batches = [chunk.tolist() for chunk in order.chunk(batch_size)]
    perm = torch.randperm(len(batches), generator=generator).tolist()
    return [batches[i] for i in perm]


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
