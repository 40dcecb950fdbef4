"""Exercise checks: each verifies a learner's code and says exactly what is wrong.

``core`` holds the house format (``passed``, ``fail``, ``CheckFailed``); ``basics`` the checks of
the chapters' small functions; ``layers`` the comparison of a scratch layer with its torch.nn
twin, and ``gradients`` the comparison of their gradients through time; ``bidirectional`` set
9's parameter-count question; ``experiments`` the checks of the experiment exercises; ``lm`` the
checks of trained language models, recomputed from the model and the learner's data (never from
a reported number); ``heldout`` the judge of the later sets, on windows of a held-out book it
draws itself, and the test that a validation text is held out; ``practice`` (with
``practice_training``) the checks of set 10 (masked loss, buckets, packing, the training loop);
``procedure`` the recorder of training procedures (PyTorch's global hooks, installed on import)
that the checks of sets 6-8 read; ``applications`` (with ``classifier``) the checks of chapter
11's exercises (padded batches, the timing, a passage classifier); ``seq2seq`` and ``attention``
those of chapter 12 (shifted decoder inputs and the masked loss, beam search; additive attention
and a decoder that uses it).
"""

from .basics import (
    check_below_unigram,
    check_bptt,
    check_grad_norm,
    check_language_model,
    check_next_token_probs,
    check_state_gradients,
    check_uneven_bidirectional,
    unigram_perplexity,
)
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
from .heldout import check_held_out
from .lm import check_trained_lm
from .layers import check_twin, copy_twin_weights
from .gradients import check_twin_gradients  # noqa: F401
from .set09_bidirectional_rnn import check_matched_width  # noqa: F401
from .set11_rnn_applications import (
    check_bidirectional_padded,
    check_passage_classifier,  # noqa: F401
    check_reverse_padded,
)
from .set04_rnn_concise import check_d2l_params, check_early_stopping, check_hidden_sweep  # noqa: F401
from .set07_lstm import check_coupled_lstm, check_forget_bias, check_heldout_lm  # noqa: F401
from .set08_deep_rnn import check_depth_study, check_gru_for_lstm, check_two_layer_rnn  # noqa: F401
from .set10_rnn_practice import check_buckets, check_line_model, check_masked_loss, check_packed_lm  # noqa: F401
from .set12_attention import check_additive_attention, check_attention_decoder  # noqa: F401
from .set12_seq2seq import (  # noqa: F401
    check_beam_search,
    check_decoder_inputs,
    check_seq2seq_loss,
)

# Every public check of every module of this package (and every name re-exported above) runs
# with learner I/O refused (see guard.py): wrapping them here means no check can forget it.
import importlib as _importlib  # noqa: E402
import pkgutil as _pkgutil  # noqa: E402

from .guard import guard_module  # noqa: E402

for _info in _pkgutil.iter_modules(__path__):
    guard_module(_importlib.import_module(f"{__name__}.{_info.name}"))
guard_module(_importlib.import_module(__name__))
