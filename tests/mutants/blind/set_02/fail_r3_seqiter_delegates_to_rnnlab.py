# expect: fail
# exercise: 4
# what: cheat: the text says write it yourself, but the function just forwards to the package's rnnlab.seq_data_iter_sequential
# %% cell 0bfd47f6
import random

from rnnlab.checks import iterators as checks_iterators


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    yield from rnnlab.seq_data_iter_sequential(corpus, batch_size, num_steps, offset=offset)
