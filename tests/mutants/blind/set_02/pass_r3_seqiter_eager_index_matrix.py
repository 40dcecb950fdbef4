# expect: pass
# exercise: 4
# what: not a generator function: builds every minibatch eagerly with an integer index matrix (row start + step) gathered from one long tensor, and returns iter(list) of (X, Y); the offset is drawn at the call itself
# %% cell 0bfd47f6
import random

from rnnlab.checks import iterators as checks_iterators


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:                       # drawn now, at the call
        offset = random.randint(0, num_steps)
    n_rows_tokens = max(len(corpus) - offset - 1, 0) // batch_size
    num_batches = n_rows_tokens // num_steps
    data = torch.tensor(list(corpus), dtype=torch.long)
    batches = []
    for k in range(num_batches):
        idx = (offset + torch.arange(batch_size)[:, None] * n_rows_tokens
               + k * num_steps + torch.arange(num_steps)[None, :])
        batches.append((data[idx], data[idx + 1]))
    return iter(batches)
