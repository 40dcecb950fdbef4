# expect: fail
# exercise: 1
# what: moves the validation tokens off the end of the caller's list with pop(): the two returned parts are right, but the caller's corpus is changed (it loses its last tokens) and train is that very list, so the input is destroyed by the split
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    n_val = int(len(corpus) * val_fraction)
    val = []
    for _ in range(n_val):          # take the tokens off the end, one by one
        val.append(corpus.pop())
    val.reverse()                   # back in their original order
    return corpus, val
