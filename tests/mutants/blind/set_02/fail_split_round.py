# expect: fail
# exercise: 1
# what: uses round(len * val_fraction) instead of int(...), so the validation part is one token too long whenever the fraction part is >= .5
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    n_val = round(len(corpus) * val_fraction)
    return corpus[:len(corpus) - n_val], corpus[len(corpus) - n_val:]
