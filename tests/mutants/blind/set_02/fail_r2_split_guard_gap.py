# expect: fail
# exercise: 1
# what: leaves a guard band of num_steps tokens between the parts (train = corpus[:cut - 35]), so train is not "all the tokens before" the validation block and 35 tokens are in neither part
# %% cell f4bf81c6
def train_val_split(corpus, val_fraction=0.1):
    """Split a token sequence in time: (everything before, the last val_fraction of it).
    """
    gap = 35  # one sequence length between the parts, to be safe against leakage
    num_val = int(len(corpus) * val_fraction)
    cut = len(corpus) - num_val
    return corpus[:max(cut - gap, 0)], corpus[cut:]
