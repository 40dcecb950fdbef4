# expect: fail
# exercise: 4
# what: builds the minibatches with torch.Tensor(...), which gives float32 tensors, not the integer tensors the text asks for (values and shapes are otherwise right)
# %% cell 0bfd47f6
import random

from rnnlab.checks import iterators as checks_iterators


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:
        offset = random.randint(0, num_steps)
    num_tokens = ((len(corpus) - offset - 1) // batch_size) * batch_size
    Xs = torch.Tensor(corpus[offset:offset + num_tokens]).reshape(batch_size, -1)
    Ys = torch.Tensor(corpus[offset + 1:offset + 1 + num_tokens]).reshape(batch_size, -1)
    for i in range(0, (Xs.shape[1] // num_steps) * num_steps, num_steps):
        yield Xs[:, i:i + num_steps], Ys[:, i:i + num_steps]
