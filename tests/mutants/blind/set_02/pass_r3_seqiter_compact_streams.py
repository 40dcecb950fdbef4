# expect: pass
# exercise: 4
# what: streams only as long as the minibatches need (num_batches * num_steps tokens each, all leftover at the very end) instead of (len - offset - 1) // batch_size; every numbered rule of the text still holds (rows continue, disjoint and in order, same count)
# %% cell 0bfd47f6
import random

from rnnlab.checks import iterators as checks_iterators


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:
        offset = random.randint(0, num_steps)
    num_batches = max(len(corpus) - offset - 1, 0) // (batch_size * num_steps)
    if num_batches == 0:
        return
    width = num_batches * num_steps
    data = torch.as_tensor(list(corpus[offset:offset + batch_size * width + 1]), dtype=torch.long)
    Xs = data[:-1].view(batch_size, width)
    Ys = data[1:].view(batch_size, width)
    for X, Y in zip(Xs.split(num_steps, dim=1), Ys.split(num_steps, dim=1)):
        yield X, Y
