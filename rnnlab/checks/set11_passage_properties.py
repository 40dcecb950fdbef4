"""Set 11, exercise 3: properties of the passage classifier that its accuracy does not show.

- what the summary reads: the text puts "a linear layer on the two final states", so the forward
  half has read the passage up to its last character and the backward half back to its first.
  Changing a passage's first character while the forward direction's results are held as they
  were must move the scores (only the backward final state can carry it), and changing its last
  character while the backward direction is held must move them too;
- how it was trained, from ``recorder`` (PyTorch's global hooks, installed when
  ``rnnlab.checks`` is imported, before any learner cell): the training rows come from the
  training parts, and a model whose weights were loaded back after its last step was not chosen
  by evaluations on held-out passages made while it trained.

Used by ``classifier.check_passage_classifier``.
"""

import torch

from . import recorder
from .core import fail

MOVED = 1e-5  # a score change above float noise; a summary that never read the changed end moves by 0
MOVED_SHARE = 0.5  # share of passages whose scores must move (a correct model: every passage)
# Measured (quick mode, 2026-12-07, load 2-4): solution 11's classifier trained with seeds 0 and 1001,
# 100 fresh probes of 60 held-out passages each: every probe moved 100 % of the passages at both ends
# (0 of 200 rejected); the 5 blind correct classifiers of exercise 3 accepted in 2 of 2 runs each; the
# blind case reading the outputs at the last real position: 0 % moved (first end), caught 3 of 3.
LEAK_SHARE = 0.01  # training rows outside the training parts; a correct run has none (by construction)
MAX_ROWS = 4000  # recorded rows judged per model (spread evenly over the run): a substring search each


def _replaying(gru):
    """A forward hook that records ``gru``'s results on the first pass and returns them again on
    the second (call by call, in order): that direction is then held as it was."""
    memory, state = [], {"replay": False, "i": 0}

    def hook(module, args, out):
        if not state["replay"]:
            memory.append(out)
            return None
        i, state["i"] = state["i"], state["i"] + 1
        return memory[i] if i < len(memory) else None

    return hook, state


def _scores_moved(net, X, X2, lengths, held, device):
    handle = None
    if held is not None:
        hook, state = _replaying(held)
        handle = held.register_forward_hook(hook)
    try:
        with torch.no_grad():
            base = net(X.to(device), lengths)
            if handle is not None:
                state["replay"] = True
            changed = net(X2.to(device), lengths)
    finally:
        if handle is not None:
            handle.remove()
    return (changed - base).abs().amax(-1).cpu()


def require_final_states_read_all(net, directions, X, lengths, device, vocab_size):
    """The backward half of the summary has read each passage's first character, the forward
    half its last one (see the module's docstring). ``directions``: the forward and backward
    nn.GRU inside ``net``; ``X``: held-out passages padded (ids >= 2 are characters)."""
    rows = torch.arange(X.shape[0])
    fwd, bwd = directions
    for end, pos, held, half in (
        ("first", torch.zeros_like(lengths), fwd, "backward"),
        ("last", lengths - 1, bwd, "forward"),
    ):
        X2 = X.clone()
        old = X2[rows, pos]
        X2[rows, pos] = (old - 2 + 1) % (vocab_size - 2) + 2  # another character, never padding
        moved = _scores_moved(net, X, X2, lengths, held, device)
        share = float((moved > MOVED).float().mean())
        if share < MOVED_SHARE:
            other = "forward" if half == "backward" else "backward"
            fail(
                f"the scores of {len(rows)} held-out passages when each passage's {end} character is "
                f"changed, the {other} direction's results held as they were",
                f"changed for (nearly) every passage: the {half} final state has read the whole "
                f"passage, {end} character included",
                f"changed for {share:.0%} of the passages",
                f"the {half} half of the classifier's summary is not the {half} direction's final "
                f"state (it has not read the passage's {end} character): feed the linear layer h_n, "
                "torch.cat([h_n[0], h_n[1]], dim=-1). " + _WHY_NOT[half],
            )


_WHY_NOT = {  # where a summary half that never read that end comes from
    "backward": "At each passage's last real position the backward output has read only the last "
    "character; the backward final state is at position 0",
    "forward": "At position 0 the forward output has read only the first character; the forward final "
    "state is at each passage's last real position",
}


def _texts(parts):
    return ["".join(map(chr, ids.tolist())) for ids in parts]


def _inside(row, texts):
    piece = "".join(map(chr, row))
    return any(piece in t for t in texts)


def _spread(rows):
    return rows[:: max(1, len(rows) // MAX_ROWS)]


def require_trained_on_training_parts(net, train_parts, test_parts):
    """Every recorded training row of ``net`` starts with a stretch of the training parts, and
    the weights were not loaded back after the last step once held-out passages had been
    evaluated during training (the held-out text would have chosen the model)."""
    rows = recorder.TOKENS.get(net)
    if not rows:  # not trained in this process (a copy, or loaded): nothing seen to judge
        return
    train_texts, test_texts = _texts(train_parts), _texts(test_parts)
    sample = _spread(rows)
    outside = sum(not _inside(r, train_texts) for r in sample)
    if outside > LEAK_SHARE * len(sample):
        fail(
            "the passages the classifier was trained on (seen while it trained: the first "
            f"{recorder.TOKEN_SPAN} characters of {len(sample)} training rows)",
            "stretches of train_parts only: the check measures the classifier on test_parts",
            f"{outside} of {len(sample)} rows are not found in train_parts",
            "the training passages were drawn from test_parts too (sample_passages(test_parts, ...) "
            "in the training loop): train on train_parts only",
        )
    records = [r for r in recorder.records(net) if r.steps]
    reloaded = any(r.ref() is not None and r.ref()._version != r.version for r in records)
    first = next(net.parameters())
    final = recorder.PARAMS[id(first)].steps if id(first) in recorder.PARAMS else 0
    during = [row for steps, row in recorder.EVALS.get(net, ()) if steps < final]
    held_out = sum(not _inside(r, train_texts) and _inside(r, test_texts) for r in _spread(during))
    if reloaded and held_out:
        fail(
            "the classifier's weights after its last training step, and the passages it was "
            "evaluated on while it trained",
            "the model training left, or one chosen on text other than the held-out parts",
            f"weights loaded back after the last step, and {held_out} held-out passages evaluated "
            "during training",
            "the epoch was chosen by its accuracy on passages of test_parts: the held-out text then "
            "picks the model and its accuracy is no longer a held-out figure; keep the last epoch's "
            "model, or choose on passages of train_parts",
        )
