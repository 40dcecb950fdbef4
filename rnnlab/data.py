"""Text pipeline: corpus -> lines -> tokens -> Vocab -> token ids -> minibatches (X, Y).

The semantics follow Dive into Deep Learning 0.17, so numbers compare with that book:
every run of non-letters becomes one space, lines are stripped and lower-cased.
"""

import collections
import random
import re

import torch

from .corpora import read_corpus_text
from .quick import cap_tokens


def read_lines(name: str = "time_machine") -> list[str]:
    """Lines of a corpus, each reduced to lower-case letters and single spaces."""
    lines = read_corpus_text(name).splitlines()
    return [re.sub("[^A-Za-z]+", " ", line).strip().lower() for line in lines]


def read_time_machine() -> list[str]:
    """The Time Machine as preprocessed lines (3,221 of them)."""
    return read_lines("time_machine")


def tokenize(lines: list[str], token: str = "word") -> list[list[str]]:
    """Split each line into word or character tokens."""
    if token == "word":
        return [line.split() for line in lines]
    if token == "char":
        return [list(line) for line in lines]
    raise ValueError(f"unknown token type {token!r}: use 'word' or 'char'")


def count_corpus(tokens):
    """Token frequencies; ``tokens`` is a flat list or a list of lists."""
    if tokens and isinstance(tokens[0], list):
        tokens = [tok for line in tokens for tok in line]
    return collections.Counter(tokens)


class Vocab:
    """Maps tokens to indices: '<unk>' is 0, reserved tokens next, then by descending frequency.

    Tokens seen fewer than ``min_freq`` times are left out and map to '<unk>'.
    Ties in frequency keep the order of first appearance (as d2l's sort does).

    Args:
        tokens: a flat list of tokens or a list of lines of tokens (``tokenize``'s output).
        min_freq: leave out tokens seen fewer times than this.
        reserved_tokens: tokens placed right after '<unk>' whatever their frequency
            (such as '<pad>').

    ``vocab[token]`` (or a list of tokens) gives indices, unknown tokens 0; ``vocab.to_tokens``
    goes back; ``len(vocab)`` is the number of tokens; ``token_freqs`` lists (token, count)
    pairs by descending count.
    """

    def __init__(self, tokens: list | None = None, min_freq: int = 0, reserved_tokens: list | None = None):
        counter = count_corpus(tokens or [])
        self.token_freqs = sorted(counter.items(), key=lambda x: x[1], reverse=True)
        self.idx_to_token = ["<unk>"] + list(reserved_tokens or [])
        self.token_to_idx = {tok: i for i, tok in enumerate(self.idx_to_token)}
        for tok, freq in self.token_freqs:
            if freq < min_freq:
                break
            if tok not in self.token_to_idx:
                self.idx_to_token.append(tok)
                self.token_to_idx[tok] = len(self.idx_to_token) - 1

    def __len__(self):
        return len(self.idx_to_token)

    def __getitem__(self, tokens):
        if not isinstance(tokens, (list, tuple)):
            return self.token_to_idx.get(tokens, self.unk)
        return [self.__getitem__(tok) for tok in tokens]

    def __contains__(self, token):
        return token in self.token_to_idx

    def to_tokens(self, indices):
        if hasattr(indices, "tolist"):
            indices = indices.tolist()
        if not isinstance(indices, (list, tuple)):
            return self.idx_to_token[indices]
        return [self.idx_to_token[i] for i in indices]

    @property
    def unk(self):
        return 0

    def __repr__(self):
        head = ", ".join(repr(t) for t in self.idx_to_token[:8])
        return f"Vocab({len(self)} tokens: {head}, ...)"


def load_corpus(
    name: str = "time_machine", token: str = "char", max_tokens: int = -1, vocab: Vocab | None = None
) -> tuple[list[int], Vocab]:
    """Token ids of a whole corpus and its Vocab (built here unless given).

    ``max_tokens`` > 0 keeps only the first that many tokens (quick mode may lower it).
    """
    tokens = tokenize(read_lines(name), token)
    if vocab is None:
        vocab = Vocab(tokens)
    corpus = [vocab[tok] for line in tokens for tok in line]
    max_tokens = cap_tokens(max_tokens)
    if max_tokens > 0:
        corpus = corpus[:max_tokens]
    return corpus, vocab


def load_corpus_time_machine(max_tokens: int = -1) -> tuple[list[int], Vocab]:
    """Character ids of The Time Machine and its 28-token Vocab: d2l's name for
    ``load_corpus("time_machine", "char", max_tokens)``."""
    return load_corpus("time_machine", "char", max_tokens)


def seq_data_iter_random(corpus, batch_size, num_steps):
    """Minibatches of non-overlapping subsequences taken in random order.

    Adjacent minibatches are not adjacent in the text, so the state is reset per batch.
    """
    corpus = corpus[random.randint(0, num_steps - 1) :]  # random offset each epoch
    num_subseqs = (len(corpus) - 1) // num_steps
    starts = list(range(0, num_subseqs * num_steps, num_steps))
    random.shuffle(starts)
    for i in range(0, batch_size * (num_subseqs // batch_size), batch_size):
        batch_starts = starts[i : i + batch_size]
        X = [corpus[j : j + num_steps] for j in batch_starts]
        Y = [corpus[j + 1 : j + 1 + num_steps] for j in batch_starts]
        yield torch.tensor(X), torch.tensor(Y)


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset=None):
    """Minibatches where row i of batch k+1 continues row i of batch k in the text.

    So the hidden state at the end of one batch is the right start for the next. The text
    starts at a random offset (a fresh cut every epoch) unless ``offset`` is given.
    """
    if offset is None:
        offset = random.randint(0, num_steps)
    num_tokens = ((len(corpus) - offset - 1) // batch_size) * batch_size
    Xs = torch.tensor(corpus[offset : offset + num_tokens]).reshape(batch_size, -1)
    Ys = torch.tensor(corpus[offset + 1 : offset + 1 + num_tokens]).reshape(batch_size, -1)
    num_batches = Xs.shape[1] // num_steps
    for i in range(0, num_steps * num_batches, num_steps):
        yield Xs[:, i : i + num_steps], Ys[:, i : i + num_steps]


class SeqDataLoader:
    """Re-iterable minibatches ``(X, Y)`` of a token-id sequence; Y is X shifted by one token.

    Each pass cuts the text afresh at a random offset. Sequential batches (the default) continue
    each other row by row, so a model may carry its state from one batch to the next; random
    batches (``use_random_iter``) are non-overlapping pieces in random order.

    Args:
        corpus: token ids (``load_corpus``'s first result).
        batch_size: rows per minibatch.
        num_steps: tokens per row (the length of truncated backpropagation through time).
        use_random_iter: random batches (``seq_data_iter_random``) instead of sequential ones
            (``seq_data_iter_sequential``).
        random_offset: False (sequential only) cuts at offset 0 every pass and draws nothing from
            the random generator: the held-out loaders use it.

    Shape:
        X, Y: ``(batch_size, num_steps)`` integer tensors.
    """

    def __init__(
        self,
        corpus: list[int],
        batch_size: int,
        num_steps: int,
        use_random_iter: bool = False,
        random_offset: bool = True,
    ):
        if len(corpus) < num_steps * batch_size + num_steps + 1:
            raise ValueError(
                f"a corpus of {len(corpus)} tokens is too short for batch_size={batch_size} and "
                f"num_steps={num_steps}: it needs more than {num_steps * batch_size + num_steps} tokens"
            )
        self.corpus = corpus
        self.batch_size, self.num_steps = batch_size, num_steps
        self.use_random_iter = use_random_iter
        # random_offset=False (sequential only): the same cut every pass, and no draw from the
        # random generator, so evaluating on held-out text does not change the training batches
        if use_random_iter and not random_offset:
            raise ValueError("random_offset=False is for sequential batches (use_random_iter=False)")
        self.random_offset = random_offset
        self.data_iter_fn = seq_data_iter_random if use_random_iter else seq_data_iter_sequential

    def __iter__(self):
        if not self.random_offset:
            return seq_data_iter_sequential(self.corpus, self.batch_size, self.num_steps, offset=0)
        return self.data_iter_fn(self.corpus, self.batch_size, self.num_steps)

    def __len__(self):
        """Number of minibatches per epoch (the smallest over the random offsets)."""
        if self.use_random_iter:
            return ((len(self.corpus) - self.num_steps) // self.num_steps) // self.batch_size
        return ((len(self.corpus) - self.num_steps - 1) // self.batch_size) // self.num_steps


def load_data_time_machine(
    batch_size: int, num_steps: int, use_random_iter: bool = False, max_tokens: int = 10000
) -> tuple[SeqDataLoader, Vocab]:
    """The iterator over The Time Machine (characters) and its Vocab: d2l's name for
    ``load_data("time_machine", batch_size, num_steps, "char", use_random_iter, max_tokens)``.

    Returns:
        ``(train_iter, vocab)``: a ``SeqDataLoader`` over the first ``max_tokens`` characters
        (d2l's 10,000; -1 or 0 for all) and the 28-token ``Vocab``.
    """
    corpus, vocab = load_corpus_time_machine(max_tokens)
    return SeqDataLoader(corpus, batch_size, num_steps, use_random_iter), vocab


def load_data(
    name: str,
    batch_size: int,
    num_steps: int,
    token: str = "char",
    use_random_iter: bool = False,
    max_tokens: int = 10000,
    vocab: Vocab | None = None,
) -> tuple[SeqDataLoader, Vocab]:
    """The iterator over any registered corpus (``CORPORA``) and its Vocab.

    Args:
        name: the corpus, such as "time_machine", "tiny_shakespeare" or "war_of_the_worlds".
        batch_size, num_steps, use_random_iter: as for ``SeqDataLoader``.
        token: "char" or "word".
        max_tokens: keep the first so many tokens (-1 or 0: all; quick mode caps it).
        vocab: a ``Vocab`` to reuse (another corpus's); default: built from this corpus.

    Returns:
        ``(train_iter, vocab)``.
    """
    corpus, vocab = load_corpus(name, token, max_tokens, vocab)
    return SeqDataLoader(corpus, batch_size, num_steps, use_random_iter), vocab


def load_data_split(
    name: str,
    batch_size: int,
    num_steps: int,
    token: str = "char",
    use_random_iter: bool = False,
    max_tokens: int = 10000,
    val_tokens: int = 10000,
    vocab: Vocab | None = None,
    train_on_rest: bool = False,
) -> tuple[SeqDataLoader, SeqDataLoader, Vocab]:
    """Training and held-out iterators over one corpus, and its Vocab.

    The training text is the first ``max_tokens`` tokens (d2l's recipe: 10,000 characters);
    the held-out text is the ``val_tokens`` tokens right after it, which the model never
    trains on. The Vocab is built from the whole corpus unless given, so both parts share it;
    a token missing from a given Vocab maps to '<unk>' (index 0). With the character pipeline
    (lower-case letters and the space) no character of the book is unknown. The held-out
    iterator is sequential with a fixed cut, so every evaluation sees the same batches.

    ``train_on_rest=True`` keeps the same held-out text but trains on every other token of the
    corpus (the first ``max_tokens`` followed by everything after the held-out text), so a
    recipe that uses the whole book is judged on exactly the text d2l's recipe is judged on.
    The two pieces are joined end to end: one training subsequence in thousands straddles the
    cut. Quick mode caps each part like ``load_corpus`` does.

    Returns:
        ``(train_iter, val_iter, vocab)``: two ``SeqDataLoader`` and the shared ``Vocab``.
    """
    if max_tokens <= 0 or val_tokens <= 0:
        raise ValueError(f"max_tokens and val_tokens must be positive (got {max_tokens}, {val_tokens})")
    tokens = tokenize(read_lines(name), token)
    if vocab is None:
        vocab = Vocab(tokens)
    ids = [vocab[tok] for line in tokens for tok in line]
    train_ids = ids[:max_tokens]
    if train_on_rest:
        train_ids = train_ids + ids[max_tokens + val_tokens :]
    train_ids = train_ids[: cap_tokens(len(train_ids))]
    val_ids = ids[max_tokens : max_tokens + cap_tokens(val_tokens)]
    if len(ids) < max_tokens + val_tokens:
        raise ValueError(
            f"{name} has {len(ids)} tokens: too few for {max_tokens} training and "
            f"{val_tokens} held-out tokens"
        )
    train_iter = SeqDataLoader(train_ids, batch_size, num_steps, use_random_iter)
    val_iter = SeqDataLoader(val_ids, batch_size, num_steps, random_offset=False)
    return train_iter, val_iter, vocab


def load_data_time_machine_split(
    batch_size: int,
    num_steps: int,
    use_random_iter: bool = False,
    max_tokens: int = 10000,
    val_tokens: int = 10000,
    train_on_rest: bool = False,
) -> tuple[SeqDataLoader, SeqDataLoader, Vocab]:
    """The chapters' training and held-out text of The Time Machine: a d2l-style shortcut for
    ``load_data_split("time_machine", batch_size, num_steps, "char", use_random_iter,
    max_tokens, val_tokens, train_on_rest=train_on_rest)``.

    Args:
        batch_size: rows per minibatch.
        num_steps: characters per row.
        use_random_iter: random training batches instead of sequential ones.
        max_tokens: training characters (d2l's first 10,000).
        val_tokens: held-out characters, the ones right after the training text.
        train_on_rest: train on every character but the held-out ones (the book's recipe).

    Shape:
        X, Y of either loader: ``(batch_size, num_steps)`` character ids.

    Returns:
        ``(train_iter, val_iter, vocab)``: the training ``SeqDataLoader``, the held-out one
        (sequential, the same cut every pass) and the 28-token ``Vocab``.
    """
    return load_data_split(
        "time_machine",
        batch_size,
        num_steps,
        "char",
        use_random_iter,
        max_tokens,
        val_tokens,
        train_on_rest=train_on_rest,
    )


def split_validation_test(held_out_iter: SeqDataLoader) -> tuple[SeqDataLoader, SeqDataLoader]:
    """Halve held-out text into a validation part (its first half) and a test part (the rest).

    Validation is what a run may look at as often as it likes, to choose an epoch, stop early or
    pick a learning rate; test is scored once, for the model so chosen, so its perplexity is not
    biased by the choice. The halves keep the held-out loader's batch shape and fixed cut; they
    are the book's stored seed runs' ``val`` and ``test`` (``rnnlab.seeds``).
    """
    ids = held_out_iter.corpus
    half = len(ids) // 2
    b, n = held_out_iter.batch_size, held_out_iter.num_steps
    return (
        SeqDataLoader(ids[:half], b, n, random_offset=False),
        SeqDataLoader(ids[half:], b, n, random_offset=False),
    )


def load_data_time_machine_val_test(
    batch_size: int,
    num_steps: int,
    use_random_iter: bool = False,
    max_tokens: int = 10000,
    held_out_tokens: int = 10000,
    train_on_rest: bool = False,
) -> tuple[SeqDataLoader, SeqDataLoader, SeqDataLoader, Vocab]:
    """The chapters' text of The Time Machine with its held-out part split in validation and test.

    The training text and the held-out text are ``load_data_time_machine_split``'s (the
    ``held_out_tokens`` characters after the first ``max_tokens``); ``split_validation_test``
    halves the held-out text: validation is its first half, test the second.

    Returns:
        ``(train_iter, val_iter, test_iter, vocab)``; both held-out loaders are sequential with
        a fixed cut.
    """
    train_iter, held_out_iter, vocab = load_data_time_machine_split(
        batch_size, num_steps, use_random_iter, max_tokens, held_out_tokens, train_on_rest
    )
    return (train_iter, *split_validation_test(held_out_iter), vocab)
