# expect: pass
# exercise: 1
# what: builds both parts with itertools.islice over the sequence (new lists, order kept), the cut taken as len - int(len * val_fraction); works for any iterable-of-tokens sequence without slicing it
# %% cell f4bf81c6
import itertools


def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    total = len(corpus)
    n_val = int(total * val_fraction)
    n_train = total - n_val
    train = list(itertools.islice(corpus, 0, n_train))
    val = list(itertools.islice(corpus, n_train, total))
    assert len(train) + len(val) == total
    return train, val
