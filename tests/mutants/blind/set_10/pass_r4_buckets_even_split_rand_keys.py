# expect: pass
# exercise: 2
# what: sorts with torch.sort(stable=True) and splits the sorted indices into ceil(n / batch_size) batches of nearly equal size (every batch at most batch_size, no single small leftover batch); the batch order comes from argsort of torch.rand keys drawn from the generator
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    n = len(lengths)
    if n == 0:
        return []
    _, order = torch.sort(torch.as_tensor(lengths), stable=True)
    num_batches = -(-n // batch_size)                 # ceil(n / batch_size)
    sizes = [n // num_batches + (1 if b < n % num_batches else 0)
             for b in range(num_batches)]
    batches = [part.tolist() for part in torch.split(order, sizes)]
    keys = torch.rand(num_batches, generator=generator)
    return [batches[i] for i in torch.argsort(keys).tolist()]


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
