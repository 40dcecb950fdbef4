# expect: fail
# exercise: 1
# what: starts the validation part one token after the cut (val = corpus[cut + 1:], 'so the first validation target is unseen'), so val has one token fewer than int(len * val_fraction) and the boundary token is in neither part
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    n_val = int(len(corpus) * val_fraction)
    cut = len(corpus) - n_val
    return corpus[:cut], corpus[cut + 1:]
