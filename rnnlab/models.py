"""The language-model wrapper that takes any recurrent layer with torch.nn's interface."""

import torch
from torch import nn
from torch.nn import functional as F


def zero_state(rnn, batch_size, device):
    """A zero initial state shaped like torch.nn's: (num_layers * num_directions, batch, hidden).

    Scratch layers may define ``begin_state(batch_size, device)`` themselves; otherwise the
    layer must expose torch.nn's attributes ``hidden_size``, ``num_layers``, ``bidirectional``.
    """
    if hasattr(rnn, "begin_state"):
        return rnn.begin_state(batch_size, device)
    num_directions = 2 if getattr(rnn, "bidirectional", False) else 1
    shape = (getattr(rnn, "num_layers", 1) * num_directions, batch_size, rnn.hidden_size)
    if isinstance(rnn, nn.LSTM):
        return (torch.zeros(shape, device=device), torch.zeros(shape, device=device))
    return torch.zeros(shape, device=device)


def output_size(rnn):
    """Width of the layer's outputs: hidden size, doubled when bidirectional."""
    hidden = getattr(rnn, "hidden_size", None) or rnn.num_hiddens
    return hidden * (2 if getattr(rnn, "bidirectional", False) else 1)


class RNNLM(nn.Module):
    """A recurrent language model: one-hot tokens -> recurrent layer -> linear -> logits.

    Args:
        rnn_layer: ``nn.RNN``/``nn.GRU``/``nn.LSTM`` or a scratch layer with the same interface:
            it takes inputs of shape ``(num_steps, batch_size, vocab_size)`` and a state, and
            returns ``(outputs, state)``; a bidirectional layer doubles the linear layer's input.
        vocab_size: number of tokens (``len(vocab)``): the one-hot width and the number of logits.

    Shape:
        X: ``(batch_size, num_steps)`` token ids.
        state: as the layer's, ``(num_layers * num_directions, batch_size, num_hiddens)``
            (a tuple ``(H, C)`` for an LSTM); ``begin_state`` makes a zero one.
        logits: ``(num_steps * batch_size, vocab_size)``, time-major, so they line up with
            ``Y.T.reshape(-1)``.

    Returns:
        ``forward(X, state)`` returns ``(logits, state)``.
    """

    def __init__(self, rnn_layer: nn.Module, vocab_size: int):
        super().__init__()
        self.rnn = rnn_layer
        self.vocab_size = vocab_size
        self.linear = nn.Linear(output_size(rnn_layer), vocab_size)

    def forward(self, X: torch.Tensor, state) -> tuple[torch.Tensor, object]:
        # X: (batch_size, num_steps) token ids -> one-hot (num_steps, batch_size, vocab_size)
        inputs = F.one_hot(X.T.long(), self.vocab_size).float()
        outputs, state = self.rnn(inputs, state)
        # outputs: (num_steps, batch_size, hidden * directions) -> logits for every position,
        # flattened time-major: (num_steps * batch_size, vocab_size), to match Y.T.reshape(-1)
        return self.linear(outputs.reshape(-1, outputs.shape[-1])), state

    def begin_state(self, batch_size: int = 1, device="cpu"):
        """A zero state for ``batch_size`` rows, shaped like the recurrent layer's."""
        return zero_state(self.rnn, batch_size, device)
