# expect: fail
# exercise: 4
# what: builds Y with torch.roll(X, -1, dims=1) ("X shifted by one"): the last column of Y wraps round to the row's FIRST token instead of the token right after the row
# %% cell 0bfd47f6
import random

from rnnlab import checks


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:
        offset = random.randint(0, num_steps)
    num_batches = max(0, (len(corpus) - offset - 1) // (batch_size * num_steps))
    stream_len = num_batches * num_steps
    streams = torch.tensor(corpus[offset : offset + batch_size * stream_len],
                           dtype=torch.long).reshape(batch_size, stream_len)
    for b in range(num_batches):
        X = streams[:, b * num_steps : (b + 1) * num_steps]
        Y = torch.roll(X, shifts=-1, dims=1)    # the token after each token of X
        yield X, Y
