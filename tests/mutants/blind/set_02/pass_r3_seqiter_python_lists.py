# expect: pass
# exercise: 4
# what: no tensor reshaping: computes each row's start in the text and slices the Python list per row and per minibatch, then builds long tensors with torch.tensor(..., dtype=torch.long)
# %% cell 0bfd47f6
import random

from rnnlab.checks import iterators as checks_iterators


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:
        offset = random.randint(0, num_steps)
    usable = len(corpus) - offset - 1
    if usable <= 0:
        return
    stream_len = usable // batch_size
    num_batches = stream_len // num_steps
    starts = [offset + r * stream_len for r in range(batch_size)]
    for b in range(num_batches):
        pos = [s + b * num_steps for s in starts]
        X = [list(corpus[p:p + num_steps]) for p in pos]
        Y = [list(corpus[p + 1:p + 1 + num_steps]) for p in pos]
        yield torch.tensor(X, dtype=torch.long), torch.tensor(Y, dtype=torch.long)
