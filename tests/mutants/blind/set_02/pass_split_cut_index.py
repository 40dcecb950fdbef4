# expect: pass
# exercise: 1
# what: computes the cut index explicitly (number of training tokens first), slices with it and asserts the sizes add up
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    total = len(corpus)
    cut = total - int(total * val_fraction)
    train = corpus[:cut]
    val = corpus[cut:]
    assert len(train) + len(val) == total
    return train, val
