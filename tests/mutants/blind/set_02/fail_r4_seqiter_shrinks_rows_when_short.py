# expect: fail
# exercise: 4
# what: when the text is too short for batch_size rows it quietly lowers the number of rows to what fits ("graceful"), so a too-short corpus still yields minibatches with fewer than batch_size rows instead of none
# %% cell 0bfd47f6
import random

from rnnlab import checks


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:
        offset = random.randint(0, num_steps)
    usable = len(corpus) - offset - 1           # the last token only serves as a target
    # a short text cannot fill batch_size rows: use as many rows as fit
    batch_size = max(1, min(batch_size, usable // num_steps))
    stream_len = usable // batch_size
    Xs = torch.tensor(corpus[offset : offset + batch_size * stream_len]).reshape(batch_size, -1)
    Ys = torch.tensor(corpus[offset + 1 : offset + 1 + batch_size * stream_len]).reshape(
        batch_size, -1)
    num_batches = stream_len // num_steps
    for k in range(num_batches):
        yield (Xs[:, k * num_steps : (k + 1) * num_steps],
               Ys[:, k * num_steps : (k + 1) * num_steps])
