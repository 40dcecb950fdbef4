# expect: fail
# exercise: 1
# what: slices with corpus[:-n_val] / corpus[-n_val:]: when int(len * fraction) is 0 the training part is empty and the whole corpus becomes validation
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    n_val = int(len(corpus) * val_fraction)
    return corpus[:-n_val], corpus[-n_val:]
