"""Exercise checks: each verifies a learner's code and says exactly what is wrong.

Solutions and exercises use one import style: ``from rnnlab import checks`` and
``checks.check_x(...)``; every public check is exported here (``__all__``).

The layout mirrors the exercise sets: ``setNN_<name>.py`` holds the checks of
``solutions/NN_<name>.ipynb`` (``exercises/NN_*``, ``tests/mutants/set_NN_*``), a second module of a
set carrying a suffix (``set01_k_step_table``, ``set06_gru_variants``, ``set10_training``,
``set11_classifier``, ``set12_attention``, ``set02_sequential_iterator``). Under them a small shared
base: ``core`` the house format (``passed``, ``fail``, ``CheckFailed``, ``close``); ``guard`` learner
I/O refused while a check runs; ``layers`` (with ``grads`` and ``gradients``) the comparison of a
scratch layer with its torch.nn twin, outputs and gradients through time; ``lm`` the checks of
trained language models, recomputed from the model and the learner's data; ``heldout`` and
``trained`` the judge of the later sets on a held-out book it draws itself; ``recorder`` the
recorder of training procedures (PyTorch's global hooks, installed on import) and ``procedure``
what a correct procedure does, judged from its records; ``initial`` and ``spans`` small helpers
of those.
"""

import sys as _sys

from .core import (
    PASS_PREFIX,
    CheckFailed,
    call,
    describe,
    fail,
    fresh_generator,
    fresh_rng,
    passed,
    recurrence_spy,
    reject_torch_recurrence,
    relative_error,
)
from .heldout import check_held_out, check_shared_vocabulary
from .lm import unigram_perplexity, check_trained_lm, check_below_unigram, check_reported
from .layers import copy_twin_weights, check_twin
from .gradients import check_twin_gradients
from .set01_sequence_models import check_windows, check_k_step, check_beats_naive
from .set01_k_step_table import check_k_step_table
from .set02_language_models import (
    check_distinct_models,
    check_train_val_split,
    check_cross_perplexity,
    check_word_vocab_sizes,
)
from .set02_sequential_iterator import check_sequential_iterator
from .set03_rnn_scratch import check_next_token_probs, check_grad_norm
from .set03_embedding_lm import check_language_model
from .set04_rnn_concise import check_d2l_params, check_hidden_sweep
from .set04_early_stopping import check_early_stopping
from .set05_bptt import check_bptt, check_state_gradients
from .set06_gru_variants import check_param_count, check_gru_variant
from .set06_gru import check_gru_lstm_pair, check_gate_study
from .set07_lstm import check_forget_bias, check_heldout_lm, check_forget_bias_pair
from .set07_coupled_lstm import check_coupled_lstm
from .set08_deep_rnn import check_two_layer_rnn, check_depth_study, check_gru_for_lstm
from .set09_bidirectional_rnn import check_matched_width, check_uneven_bidirectional
from .set10_rnn_practice import check_masked_loss, check_buckets, check_packed_lm
from .set10_training import check_train_lines, check_line_model
from .set11_rnn_applications import check_reverse_padded, check_bidirectional_padded, check_timed_layers
from .set11_classifier import check_passage_classifier, watch_summaries, check_first_last_change
from .set12_seq2seq import check_decoder_inputs, check_seq2seq_loss, check_beam_search
from .set12_attention import (
    check_additive_attention,
    check_attention_decoder,
    watch_length_curve,
    check_length_curve,
)

__all__ = [
    "PASS_PREFIX",
    "CheckFailed",
    "call",
    "describe",
    "fail",
    "fresh_generator",
    "fresh_rng",
    "passed",
    "recurrence_spy",
    "reject_torch_recurrence",
    "relative_error",
    "check_held_out",
    "check_shared_vocabulary",
    "unigram_perplexity",
    "check_trained_lm",
    "check_below_unigram",
    "check_reported",
    "copy_twin_weights",
    "check_twin",
    "check_twin_gradients",
    "check_windows",
    "check_k_step",
    "check_beats_naive",
    "check_k_step_table",
    "check_distinct_models",
    "check_train_val_split",
    "check_cross_perplexity",
    "check_word_vocab_sizes",
    "check_sequential_iterator",
    "check_next_token_probs",
    "check_language_model",
    "check_grad_norm",
    "check_d2l_params",
    "check_hidden_sweep",
    "check_early_stopping",
    "check_bptt",
    "check_state_gradients",
    "check_param_count",
    "check_gru_variant",
    "check_gru_lstm_pair",
    "check_gate_study",
    "check_forget_bias",
    "check_coupled_lstm",
    "check_heldout_lm",
    "check_forget_bias_pair",
    "check_two_layer_rnn",
    "check_depth_study",
    "check_gru_for_lstm",
    "check_matched_width",
    "check_uneven_bidirectional",
    "check_masked_loss",
    "check_buckets",
    "check_packed_lm",
    "check_train_lines",
    "check_line_model",
    "check_reverse_padded",
    "check_bidirectional_padded",
    "check_timed_layers",
    "check_passage_classifier",
    "watch_summaries",
    "check_first_last_change",
    "check_decoder_inputs",
    "check_seq2seq_loss",
    "check_beam_search",
    "check_additive_attention",
    "check_attention_decoder",
    "watch_length_curve",
    "check_length_curve",
]

# Notebooks written before the checks were arranged by set import modules by their old names
# (``from rnnlab.checks import experiments as checks_experiments``); those names now give this
# package, which exports every check, so a learner's half-done notebook keeps working.
_OLD_MODULES = {
    "applications",
    "attention",
    "basics",
    "bidirectional",
    "classifier",
    "concise",
    "deep",
    "experiments",
    "gru",
    "iterators",
    "kstep",
    "lstm",
    "practice",
    "practice_training",
    "seq2seq",
}


def __getattr__(name):
    if name in _OLD_MODULES:
        return _sys.modules[__name__]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Every public check of every module of this package (and every name re-exported above) runs
# with learner I/O refused (see guard.py): wrapping them here means no check can forget it.
import importlib as _importlib  # noqa: E402
import pkgutil as _pkgutil  # noqa: E402

from .guard import guard_module  # noqa: E402

for _info in _pkgutil.iter_modules(__path__):
    guard_module(_importlib.import_module(f"{__name__}.{_info.name}"))
guard_module(_importlib.import_module(__name__))
