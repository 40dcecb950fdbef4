"""A long-range memory task: delayed recall, and the loop that trains a recurrent layer on it.

Each sequence shows ``k + 1`` random symbols; the first one is marked. After the last symbol
the network must name the marked one, which lies ``k`` steps back. Every minibatch is drawn
fresh, so there is nothing to memorise: a network either carries the symbol across ``k``
steps or guesses (accuracy ``1 / num_symbols``).
"""

import torch
from torch import nn
from torch.nn import functional as F

from .quick import announce, is_quick


def delayed_recall(batch_size, k, num_symbols=8, distractors=True, generator=None):
    """A minibatch of the task: ``(inputs, labels)``.

    ``inputs`` has shape ``(k + 1, batch_size, num_symbols + 1)`` (time-major, like nn.RNN's):
    one-hot symbols plus a last channel that is 1 only at the first step, the marked symbol.
    ``labels`` (shape ``(batch_size,)``) is that first symbol. With ``distractors=False`` the
    ``k`` steps after the marked symbol are empty (all-zero inputs) instead of random symbols.
    """
    if k < 0:
        raise ValueError(f"the delay k must be at least 0 (got {k})")
    symbols = torch.randint(0, num_symbols, (k + 1, batch_size), generator=generator)
    inputs = torch.zeros(k + 1, batch_size, num_symbols + 1)
    inputs[..., :num_symbols] = F.one_hot(symbols, num_symbols).float()
    if not distractors:
        inputs[1:] = 0.0
    inputs[0, :, num_symbols] = 1.0  # the marker
    return inputs, symbols[0]


class RecallNet(nn.Module):
    """A recurrent layer (nn.RNN, nn.GRU or nn.LSTM) read out at the last step by a linear layer."""

    def __init__(self, cell, num_inputs, num_hiddens, num_classes):
        super().__init__()
        self.rnn = cell(num_inputs, num_hiddens)
        self.linear = nn.Linear(num_hiddens, num_classes)

    def forward(self, inputs):
        outputs, _ = self.rnn(inputs)  # (num_steps, batch_size, num_hiddens); zero start state
        return self.linear(outputs[-1])  # (batch_size, num_classes)


def num_params(net):
    return sum(p.numel() for p in net.parameters())


def matched_hidden_size(cell, target, num_inputs, num_classes):
    """The hidden size that brings ``RecallNet(cell, ...)`` closest to ``target`` parameters."""
    gates = {nn.RNN: 1, nn.GRU: 3, nn.LSTM: 4}[cell]
    count = lambda h: gates * (num_inputs + h + 2) * h + (h + 1) * num_classes
    return min(range(1, 4 * int(target**0.5) + 8), key=lambda h: abs(count(h) - target))


@torch.no_grad()
def recall_accuracy(net, k, num_symbols=8, num_sequences=1000, distractors=True, generator=None):
    """Fraction of fresh sequences whose marked symbol the network names."""
    inputs, labels = delayed_recall(num_sequences, k, num_symbols, distractors, generator)
    return (net(inputs).argmax(dim=1) == labels).float().mean().item()


def sample_delay(min_k, max_k, generator=None):
    """A delay between ``min_k`` and ``max_k``, log-uniform: as likely in 1-10 as in 10-100."""
    u = torch.rand((), generator=generator).item()
    return int(round(min_k * (max_k / min_k) ** u))


def train_recall(
    net,
    max_k,
    num_updates=500,
    min_k=None,
    num_symbols=8,
    batch_size=64,
    lr=0.01,
    clip_theta=1.0,
    stop_at=None,
    check_every=20,
    distractors=True,
    generator=None,
):
    """Train ``net`` with Adam on fresh minibatches; return the loss of every update.

    Each minibatch has one delay k, drawn log-uniformly between ``min_k`` and ``max_k``
    (default ``min_k = max_k``: always the delay ``max_k``). With ``stop_at``, training stops
    early once a fresh check batch of delay ``max_k`` is recalled at least that well
    (checked every ``check_every`` updates). Gradients are clipped at norm ``clip_theta``.
    Quick mode caps ``num_updates``.
    """
    min_k = max_k if min_k is None else min_k
    if not 1 <= min_k <= max_k:
        raise ValueError(f"need 1 <= min_k <= max_k (got min_k={min_k}, max_k={max_k})")
    num_updates = _cap_updates(num_updates)
    optimizer = torch.optim.Adam(net.parameters(), lr)
    losses = []
    for update in range(1, num_updates + 1):
        k = sample_delay(min_k, max_k, generator)
        inputs, labels = delayed_recall(batch_size, k, num_symbols, distractors, generator)
        loss = F.cross_entropy(net(inputs), labels)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), clip_theta)
        optimizer.step()
        losses.append(loss.item())
        if (
            stop_at is not None
            and update % check_every == 0
            and recall_accuracy(net, max_k, num_symbols, 256, distractors, generator) >= stop_at
        ):
            break
    return losses


def accuracy_by_delay(net, delays, num_symbols=8, num_sequences=500, distractors=True, generator=None):
    """``{k: accuracy}``: recall accuracy on fresh sequences for every delay in ``delays``."""
    return {k: recall_accuracy(net, k, num_symbols, num_sequences, distractors, generator) for k in delays}


QUICK_MAX_UPDATES = 40


def _cap_updates(num_updates):
    if is_quick() and num_updates > QUICK_MAX_UPDATES:
        announce(f"at most {QUICK_MAX_UPDATES} updates on the memory task")
        return QUICK_MAX_UPDATES
    return num_updates
