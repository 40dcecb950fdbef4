"""Where each check cell is decided when grading: in the judge process, or (a reviewed list) in the kernel.

A check cell runs in the judge unless it calls a check named in ``IN_KERNEL``. The list is fixed
here, reviewed, and never extended at run time: a judge that fails is a failed check with its
reason, never a second try in the kernel. Each entry says why the judge cannot run it yet.
"""

import ast

_TRAINED = "evaluates trained models over many batches of the learner's data (hundreds of calls)"
_BUILDS = "hands an object the check builds itself to the learner's code"
IN_KERNEL = {
    # set 01
    "check_beats_naive": _TRAINED,
    "check_k_step": _BUILDS + " (a network whose k-step predictions the learner's function makes)",
    "check_k_step_table": "reads the notebook's globals() and trained models",
    # set 02
    "check_distinct_models": "compares the identity of several learner objects",
    "check_trained_lm": _TRAINED,
    "check_cross_perplexity": _TRAINED,
    "check_sequential_iterator": "watches which functions the learner's iterator runs (the package's "
    "own must not), which only the learner's process can see",
    # set 03
    "check_language_model": _BUILDS + " (an nn.GRU for the learner's RNNLMEmbed)",
    "check_grad_norm": _BUILDS + " (a model whose gradients the learner's function measures)",
    # set 04
    "check_d2l_params": _BUILDS + " (a d2l-style parameter list)",
    "check_hidden_sweep": _TRAINED,
    "check_early_stopping": _TRAINED + " and runs the learner's training function",
    # set 06
    "check_gru_lstm_pair": _TRAINED,
    "check_gate_study": _TRAINED,
    # set 07
    "check_forget_bias": _BUILDS + " (an nn.LSTM whose biases the learner's function sets)",
    "check_forget_bias_pair": _TRAINED,
    "check_heldout_lm": _TRAINED + " and trains the learner's class",
    # set 08
    "check_depth_study": _TRAINED,
    "check_gru_for_lstm": _TRAINED,
    # sets 11 and 12: what a watch cell recorded in the kernel (the passages a layer read; the
    # models trained and evaluated, compared by identity)
    "check_first_last_change": "reads a watch of the passages the layer read, recorded in the kernel",
    "check_length_curve": "compares by identity the models a watch saw trained and evaluated in the kernel",
    # set 10
    "check_train_lines": "runs the learner's training loop on models and batches the check builds",
    "check_line_model": _TRAINED,
    # set 12
    "check_seq2seq_loss": _BUILDS + " (an encoder-decoder the learner's loss runs)",
    "check_beam_search": _BUILDS + " (a decoder the learner's search queries)",
    # set 11
    "check_timed_layers": "times the learner's layers (a remote call would time the channel)",
    "check_passage_classifier": _TRAINED,
}


def called_checks(source):
    """Names of the ``check_*`` functions a check cell calls."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name.startswith("check_"):
                names.add(name)
    return names


def route(source):
    """ "kernel" when the cell calls a check of ``IN_KERNEL`` (or cannot be parsed), else "judge"."""
    try:
        names = called_checks(source)
    except SyntaxError:
        return "kernel"
    return "kernel" if names & set(IN_KERNEL) else "judge"
