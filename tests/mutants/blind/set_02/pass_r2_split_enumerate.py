# expect: pass
# exercise: 1
# what: builds both parts in one pass with enumerate, sending each token to train or val by its position (order kept), returns lists
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    n = len(corpus)
    first_val = n - int(n * val_fraction)
    train, val = [], []
    for position, token in enumerate(corpus):
        (train if position < first_val else val).append(token)
    return train, val
