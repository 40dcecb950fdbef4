# expect: pass
# exercise: 2
# what: sorts longest first with sorted(..., reverse=True), cuts every batch_size (last smaller batch kept) and shuffles the batches with an explicit Fisher-Yates loop drawing torch.randint from the generator
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i], reverse=True)
    batches = [order[k:k + batch_size] for k in range(0, len(order), batch_size)]
    for i in range(len(batches) - 1, 0, -1):
        j = int(torch.randint(0, i + 1, (1,), generator=generator))
        batches[i], batches[j] = batches[j], batches[i]
    return batches


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
