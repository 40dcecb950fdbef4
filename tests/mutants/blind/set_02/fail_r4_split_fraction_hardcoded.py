# expect: fail
# exercise: 1
# what: ignores the val_fraction argument and always holds out a tenth (len(corpus) // 10), so any other fraction gives the wrong split
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    # validation is the last tenth of the text, training everything before it
    n_val = len(corpus) // 10
    cut = len(corpus) - n_val
    return corpus[:cut], corpus[cut:]
