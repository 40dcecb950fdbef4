# expect: fail
# exercise: 4
# what: with offset=None draws the random offset only on the first call for a given num_steps and reuses it afterwards ("so every epoch cuts the text the same way"), so the offset is not drawn afresh at every call
# %% cell 0bfd47f6
import random

from rnnlab import checks

_offsets = {}


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches (X, Y): row i of minibatch k+1 continues row i of minibatch k."""
    if offset is None:
        if num_steps not in _offsets:
            _offsets[num_steps] = random.randint(0, num_steps)
        offset = _offsets[num_steps]
    stream_len = (len(corpus) - offset - 1) // batch_size
    Xs = torch.tensor(corpus[offset : offset + batch_size * stream_len]).reshape(batch_size, -1)
    Ys = torch.tensor(corpus[offset + 1 : offset + 1 + batch_size * stream_len]).reshape(
        batch_size, -1)
    for i in range(0, (stream_len // num_steps) * num_steps, num_steps):
        yield Xs[:, i : i + num_steps], Ys[:, i : i + num_steps]
