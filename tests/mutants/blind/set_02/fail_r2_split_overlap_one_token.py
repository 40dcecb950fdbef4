# expect: fail
# exercise: 1
# what: lets the training part run one token into the validation block (train = corpus[:cut + 1], "so the last input still has its label"), so the first validation token is also training text
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    num_val = int(len(corpus) * val_fraction)
    cut = len(corpus) - num_val
    # keep the label of the last training position: it is the first validation token
    train = corpus[:cut + 1]
    val = corpus[cut:]
    return train, val
