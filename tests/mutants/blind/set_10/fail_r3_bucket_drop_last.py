# expect: fail
# exercise: 2
# what: drops the last, smaller batch (as DataLoader(drop_last=True) would), so some indices never appear
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    num_full = len(order) // batch_size
    batches = [order[k * batch_size:(k + 1) * batch_size] for k in range(num_full)]
    perm = torch.randperm(len(batches), generator=generator).tolist()
    return [batches[p] for p in perm]


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
