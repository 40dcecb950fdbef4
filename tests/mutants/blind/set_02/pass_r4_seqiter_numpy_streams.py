# expect: pass
# exercise: 4
# what: does the cutting in NumPy: one int64 array of the text after the offset, X and Y streams as two (batch_size, -1) arrays of it, minibatches converted with torch.from_numpy (contiguous copies); plain index loop over the minibatches
# %% cell 0bfd47f6
import random

from rnnlab import checks

import numpy as np


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:
        offset = random.randint(0, num_steps)
    tokens = np.asarray(corpus, dtype=np.int64)[offset:]
    per_row = (len(tokens) - 1) // batch_size           # tokens in each stream
    if per_row <= 0:
        return
    xs = tokens[: batch_size * per_row].reshape(batch_size, per_row)
    ys = tokens[1 : 1 + batch_size * per_row].reshape(batch_size, per_row)
    num_batches = per_row // num_steps
    for k in range(num_batches):
        cols = slice(k * num_steps, (k + 1) * num_steps)
        X = torch.from_numpy(np.ascontiguousarray(xs[:, cols]))
        Y = torch.from_numpy(np.ascontiguousarray(ys[:, cols]))
        yield X, Y
