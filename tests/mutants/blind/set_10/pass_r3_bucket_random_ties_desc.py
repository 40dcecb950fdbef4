# expect: pass
# exercise: 2
# what: breaks ties randomly (randperm with the generator, then a stable sort, longest first), cuts from the long end, shuffles the batches with the same generator by index permutation
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    lengths = [int(n) for n in lengths]
    perm = torch.randperm(len(lengths), generator=generator).tolist()
    order = sorted(perm, key=lambda i: -lengths[i])  # stable: equal lengths stay shuffled
    batches = []
    start = 0
    while start < len(order):
        batches.append(order[start:start + batch_size])
        start += batch_size
    shuffled = torch.randperm(len(batches), generator=generator)
    return [batches[k] for k in shuffled.tolist()]


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
