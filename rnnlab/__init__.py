"""rnnlab: the small helper package of the sequence-models course book.

It holds the plumbing a reader need not see (corpora, batching, plotting, checks) and
what the chapters have already written out (the training loop, prediction).
"""
from .corpora import CORPORA, CorpusError, corpus_path
from .data import (SeqDataLoader, Vocab, load_corpus, load_corpus_time_machine, load_data,
                   load_data_split, load_data_time_machine, load_data_time_machine_split, read_lines, read_time_machine, seq_data_iter_random,
                   seq_data_iter_sequential, tokenize)
from .models import RNNLM
from .plot import LivePlot, plot
from .quick import cap_epochs, is_quick
from .session import setup
from .train import (History, evaluate_perplexity, grad_clipping, predict, seed, train,
                    train_epoch, try_gpu)

__version__ = "0.1.0"
