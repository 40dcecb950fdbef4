# expect: pass
# exercise: 4
# what: one long tensor of the streams, then split along dim 1 into num_steps-wide chunks and drops a narrower last chunk; Y from a second view started one token later; returns a list-free generator via zip
# %% cell 0bfd47f6
import random

from rnnlab.checks import iterators as checks_iterators


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:
        offset = random.randint(0, num_steps)
    tokens = torch.tensor(list(corpus), dtype=torch.int64)
    per_row = max(len(corpus) - offset - 1, 0) // batch_size
    n = per_row * batch_size
    Xs = tokens[offset:offset + n].reshape(batch_size, per_row)
    Ys = tokens[offset + 1:offset + 1 + n].reshape(batch_size, per_row)
    for X, Y in zip(torch.split(Xs, num_steps, dim=1), torch.split(Ys, num_steps, dim=1)):
        if X.shape[1] < num_steps:
            break
        yield X, Y
