"""Exercise checks: each verifies a learner's code and says exactly what is wrong.

``core`` holds the house format (``passed``, ``fail``, ``CheckFailed``); ``basics`` the checks of
the chapters' small functions; ``layers`` the comparison of a scratch layer with its torch.nn
twin; ``experiments`` the checks of the experiment exercises.
"""
from .basics import (check_below_unigram, check_bptt, check_grad_norm, check_language_model,
                     check_next_token_probs, check_state_gradients, check_uneven_bidirectional,
                     unigram_perplexity)
from .core import PASS_PREFIX, CheckFailed, describe, fail, passed
from .layers import check_twin, copy_twin_weights
