"""Characters as written: a pipeline that keeps case, punctuation and line breaks.

The chapters' pipeline (``rnnlab.data``) follows d2l and reduces a text to lower-case letters
and spaces. For a text whose look matters, such as a play with speaker names and verse lines,
this module keeps every character, and cuts the text into three contiguous parts: training,
validation (to choose on) and test (to report once).
"""

from dataclasses import dataclass


from .baselines import unigram_perplexity  # noqa: F401  (the Shakespeare page calls it from here)
from .corpora import read_corpus_text
from .data import SeqDataLoader, Vocab
from .quick import cap_tokens


@dataclass
class RawSplit:
    """A corpus cut into training, validation and test text, with one character Vocab.

    ``train_text``, ``val_text``, ``test_text`` are the three parts as strings, in the order
    they appear in the corpus; ``train_ids`` etc. are their token ids.
    """

    vocab: Vocab
    train_text: str
    val_text: str
    test_text: str

    def ids(self, text: str) -> list[int]:
        """Token ids of ``text`` (characters missing from the Vocab map to '<unk>', 0)."""
        return self.vocab[list(text)]

    @property
    def train_ids(self):
        return self.ids(self.train_text)

    @property
    def val_ids(self):
        return self.ids(self.val_text)

    @property
    def test_ids(self):
        return self.ids(self.test_text)


def split_raw_text(
    name: str = "tiny_shakespeare", val_fraction: float = 0.05, test_fraction: float = 0.05
) -> RawSplit:
    """Cut corpus ``name`` into training text, then validation text, then test text.

    The last ``test_fraction`` of the characters is the test text, the ``val_fraction`` before
    it the validation text, the rest (from the start) the training text. Nothing is lower-cased
    or removed. The Vocab holds every character of the whole corpus, so no held-out character
    is unknown. Quick mode keeps at most ``QUICK_MAX_TOKENS`` characters of each part (the
    start of each).
    """
    if not (0 < val_fraction < 1 and 0 < test_fraction < 1 and val_fraction + test_fraction < 1):
        raise ValueError(
            f"val_fraction and test_fraction must be in (0, 1) with a sum below 1 "
            f"(got {val_fraction} and {test_fraction})"
        )
    text = read_corpus_text(name)
    n = len(text)
    val_start = n - round(n * (val_fraction + test_fraction))
    test_start = n - round(n * test_fraction)
    vocab = Vocab(list(text))
    parts = [text[:val_start], text[val_start:test_start], text[test_start:]]
    parts = [part[: cap_tokens(len(part))] for part in parts]
    return RawSplit(vocab, *parts)


def loaders(split: RawSplit, batch_size: int, num_steps: int, use_random_iter: bool = True):
    """Minibatches of the three parts: ``(train_iter, val_iter, test_iter)``.

    The training loader cuts afresh every pass (random minibatches by default, as in chapter
    4's recipe); the validation and test loaders are sequential with a fixed cut, so every
    evaluation sees the same batches and draws nothing from the random generator.
    """
    train_iter = SeqDataLoader(split.train_ids, batch_size, num_steps, use_random_iter)
    val_iter = SeqDataLoader(split.val_ids, batch_size, num_steps, random_offset=False)
    test_iter = SeqDataLoader(split.test_ids, batch_size, num_steps, random_offset=False)
    return train_iter, val_iter, test_iter


def longest_shared_stretch(sample: str, text: str) -> str:
    """The longest substring of ``sample`` that also occurs somewhere in ``text``.

    A sample copied from the training text shares long stretches with it; a sample the model
    composes shares only words and short phrases. Runs in about len(sample) searches of
    ``text``: the best length found so far only grows, so each start position is tried with
    one more character than the best.
    """
    best_start, best_len = 0, 0
    for start in range(len(sample)):
        while start + best_len < len(sample) and sample[start : start + best_len + 1] in text:
            best_start, best_len = start, best_len + 1
    return sample[best_start : best_start + best_len]
