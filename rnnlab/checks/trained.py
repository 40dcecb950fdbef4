"""What a check can verify about trained language models from the objects themselves (sets 6-8).

An exercise that asks for trained models states settings; some leave a trace in the objects and
are verified here, the rest (learning rate, optimiser, number of epochs) show only through how
well the model predicts text, which ``heldout.judge_lm`` measures on text drawn now:

- ``require_lm``: the model is a network with the stated kind of recurrent layer, width, depth
  and dropout;
- ``require_distinct``: models that a table compares are separate objects that share no
  parameter (one network reused for two rows, or two models around one layer, fail);
- ``require_not_trained_on``: the validation text was not trained on. A model that never saw
  the validation text predicts it about as well as other unseen text of the same book; one
  trained on it predicts it much better. The fresh text is drawn now, far past every exercise's
  training and validation text.
"""

import torch

from .core import describe, fail
from .heldout import WARM, _text, lm_perplexities, require_model, tokens_of

FRESH_FROM = 30_000  # The Time Machine from this character on: no exercise trains or validates on it
WINDOW = 300
# Perplexity on the validation text against fresh text of the same book. Correct models measured
# 0.83-1.09 (quick mode, the solutions and the blind correct cases of sets 6-8, 200 window draws
# each); models trained on the validation text 0.26-0.62 (see LEAK_NOTE in the report of the change).
LEAK_RATIO = 0.75


def require_lm(net, what, kind, hidden_size, num_layers=1, dropout=None, kind_name=None):
    """Fail unless ``net`` is a model around ``net.rnn`` of ``kind`` with the stated sizes."""
    require_model(net, what)
    rnn = getattr(net, "rnn", None)
    name = kind_name or getattr(kind, "__name__", str(kind))
    if not isinstance(rnn, kind):
        fail(
            f"the recurrent layer of {what} (its .rnn)",
            name,
            describe(rnn) if not isinstance(rnn, torch.nn.Module) else type(rnn).__name__,
            f"build {what} as rnnlab.RNNLM({name}(...), len(vocab)), the layer the exercise names",
        )
    size = getattr(rnn, "hidden_size", getattr(rnn, "num_hiddens", None))
    if size != hidden_size:
        fail(
            f"the width of {what}'s recurrent layer (hidden_size)",
            hidden_size,
            size,
            f"the exercise fixes {hidden_size} hidden units for this model",
        )
    layers = getattr(rnn, "num_layers", 1)
    if layers != num_layers:
        fail(
            f"the depth of {what}'s recurrent layer (num_layers)",
            num_layers,
            layers,
            f"pass num_layers={num_layers} when building the layer",
        )
    if dropout is not None and num_layers > 1 and abs(getattr(rnn, "dropout", 0.0) - dropout) > 1e-9:
        fail(
            f"the dropout between the layers of {what}",
            dropout,
            getattr(rnn, "dropout", None),
            f"pass dropout={dropout} when building the layer: torch applies it between layers",
        )
    return rnn


def require_distinct(named):
    """Fail unless the models in ``named`` ({label: model}) are separate and share no parameter."""
    seen = {}
    for label, net in named.items():
        for other, other_net in seen.items():
            if net is other_net:
                fail(
                    f"{label} and {other}",
                    "two separate models, each trained on its own",
                    "the same object",
                    "build a new model for each, do not store one network under two names",
                )
            shared = {id(p) for p in net.parameters()} & {id(p) for p in other_net.parameters()}
            if shared:
                fail(
                    f"the parameters of {label} and {other}",
                    "separate parameters: each model trains its own",
                    f"{len(shared)} parameter tensors shared",
                    "both models wrap the same layer object: build a layer per model (for equal "
                    "starting weights, seed before building each, or copy.deepcopy the first)",
                )
        seen[label] = net


def _windows(ids, num, gen, length=WINDOW):
    starts = torch.randint(0, len(ids) - length, (num,), generator=gen).tolist()
    return torch.tensor([ids[s : s + length] for s in starts])


def validation_and_fresh(net, val_iter, vocab, gen, num=16):
    """(perplexity on windows of the learner's validation text, on fresh windows of The Time
    Machine far past it), both scored after ``WARM`` characters of context, in eval mode."""
    val = tokens_of(val_iter)
    if len(val) < 2 * WINDOW:
        fail(
            "the validation text",
            f"at least {2 * WINDOW} tokens",
            f"{len(val)}",
            "build val_iter on the held-out text the exercise names",
        )
    fresh = vocab[list(_text("time_machine")[FRESH_FROM:])]
    ppl_val = lm_perplexities(net, _windows(val, num, gen))[0]
    ppl_fresh = lm_perplexities(net, _windows(fresh, num, gen))[0]
    return ppl_val, ppl_fresh


def require_not_trained_on(net, val_iter, vocab, what, gen):
    """Fail when ``net`` predicts the validation text much better than fresh text of the book."""
    ppl_val, ppl_fresh = validation_and_fresh(net, val_iter, vocab, gen)
    if not ppl_val >= LEAK_RATIO * ppl_fresh:
        fail(
            f"the perplexity of {what} on its validation text, against fresh text of the same book "
            f"drawn now ({WARM} characters of context, eval mode)",
            f"about the same (validation at least {LEAK_RATIO:.0%} of fresh): both are unseen text",
            f"{ppl_val:.2f} on the validation text, {ppl_fresh:.2f} on fresh text "
            f"(ratio {ppl_val / ppl_fresh:.2f})",
            "the model was trained on the validation text (a train_epoch or training step on "
            "val_iter): train on train_iter only, and only evaluate on val_iter",
        )
    return ppl_val, ppl_fresh
