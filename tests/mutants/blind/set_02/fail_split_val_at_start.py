# expect: fail
# exercise: 1
# what: holds out the FIRST 10% of the tokens instead of the last 10%
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    n_val = int(len(corpus) * val_fraction)
    val = corpus[:n_val]
    train = corpus[n_val:]
    return train, val
