# expect: pass
# exercise: 2
# what: torch.argsort (descending, stable) and torch.split into chunks, converted to int lists, batch order drawn from the generator
# %% cell 5b267bc5
def bucket_batches(lengths, batch_size, generator):
    """Batches of indices of similar length, in a random order."""
    lengths_t = torch.as_tensor(list(lengths))
    order = torch.argsort(lengths_t, descending=True, stable=True)
    chunks = [chunk.tolist() for chunk in torch.split(order, batch_size)]
    shuffled = []
    for k in torch.randperm(len(chunks), generator=generator):
        shuffled.append([int(i) for i in chunks[int(k)]])
    return shuffled


def random_batches(lengths, batch_size, generator):
    """Batches of random indices (the usual shuffling), for comparison."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def padding_share(batches, lengths):
    cells = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    return 1 - sum(lengths[i] for b in batches for i in b) / cells
