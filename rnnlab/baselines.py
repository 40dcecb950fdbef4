"""The baseline every language model in the book must beat: the unigram model.

It predicts each token by its frequency alone, with no context. Chapter 2 derives it; the later
chapters and the Shakespeare page call this function instead of retyping it.
"""

import math

import torch


def unigram_perplexity(train_ids, eval_ids=None, vocab_size: int | None = None) -> float:
    """Perplexity of the unigram model with frequencies counted on ``train_ids``.

    Without ``eval_ids`` it is scored on the training text itself: the exponential of the
    entropy of the frequencies, the level a model without context reaches on the text it trains
    on (compare it with a training perplexity). With ``eval_ids`` it is scored on that text,
    with add-one smoothing so that a token never seen in training costs a finite amount; the
    smoothing needs ``vocab_size``.
    """
    train = torch.as_tensor(train_ids)
    if train.numel() == 0:
        raise ValueError("unigram_perplexity needs non-empty training ids")
    if eval_ids is None:
        p = torch.bincount(train).double() / train.numel()
        p = p[p > 0]
        return math.exp(-float((p * p.log()).sum()))
    held = torch.as_tensor(eval_ids)
    if held.numel() == 0:
        raise ValueError("unigram_perplexity needs non-empty evaluation ids")
    if vocab_size is None:
        raise ValueError("unigram_perplexity on evaluation ids needs vocab_size (for the smoothing)")
    counts = torch.bincount(train, minlength=vocab_size).double() + 1
    log_p = (counts / counts.sum()).log()
    return math.exp(-float(log_p[held].mean()))
