# expect: fail
# exercise: 1
# what: draws a random 10% of the positions for validation (shuffled split), so neighbouring characters of training text sit in validation
# %% cell f4bf81c6
import random


def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    n_val = int(len(corpus) * val_fraction)
    idx = list(range(len(corpus)))
    random.shuffle(idx)
    val_idx = sorted(idx[:n_val])
    train_idx = sorted(idx[n_val:])
    return [corpus[i] for i in train_idx], [corpus[i] for i in val_idx]
