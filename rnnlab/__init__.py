"""rnnlab: the small helper package of the sequence-models course book.

It holds the plumbing a reader need not see (corpora, batching, plotting, checks) and
what the chapters have already written out (the training loop, prediction).
"""

from .baselines import unigram_perplexity
from .corpora import CORPORA, CorpusError, corpus_path
from .data import (
    SeqDataLoader,
    Vocab,
    load_corpus,
    load_corpus_time_machine,
    load_data,
    load_data_split,
    load_data_time_machine,
    load_data_time_machine_split,
    load_data_time_machine_val_test,
    read_lines,
    read_time_machine,
    seq_data_iter_random,
    seq_data_iter_sequential,
    split_validation_test,
    tokenize,
)
from .models import RNNLM
from .plot import LivePlot, plot
from .quick import cap_epochs, is_quick
from .session import setup
from .train import History, evaluate_perplexity, grad_clipping, predict, seed, train, train_epoch, try_gpu

__version__ = "0.1.0"

__all__ = [
    # chapter 0: a setup cell that states device, seed and data
    "setup",
    "seed",
    "try_gpu",
    "is_quick",
    "cap_epochs",
    # chapters 1-2: corpora, tokens, vocabularies and minibatches
    "CORPORA",
    "CorpusError",
    "corpus_path",
    "read_time_machine",
    "read_lines",
    "tokenize",
    "Vocab",
    "load_corpus",
    "load_corpus_time_machine",
    "seq_data_iter_random",
    "seq_data_iter_sequential",
    "unigram_perplexity",
    "SeqDataLoader",
    "load_data",
    "load_data_split",
    "load_data_time_machine",
    "load_data_time_machine_split",
    "load_data_time_machine_val_test",
    "split_validation_test",
    # chapters 3-4: the language-model wrapper, its training loop and its plots
    "RNNLM",
    "train",
    "train_epoch",
    "grad_clipping",
    "evaluate_perplexity",
    "predict",
    "History",
    "plot",
    "LivePlot",
]
