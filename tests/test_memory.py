"""rnnlab.memory: the delayed-recall task, parameter matching, and its training loop."""

import pytest
import torch
from torch import nn

import rnnlab
from rnnlab import memory


def test_delayed_recall_marks_the_symbol_k_steps_back():
    g = torch.Generator().manual_seed(0)
    inputs, labels = memory.delayed_recall(16, k=7, num_symbols=5, generator=g)
    assert inputs.shape == (8, 16, 6) and labels.shape == (16,)
    assert torch.equal(inputs[..., :5].sum(-1), torch.ones(8, 16))  # one symbol per step
    assert torch.equal(inputs[..., 5], torch.cat([torch.ones(1, 16), torch.zeros(7, 16)]))
    assert torch.equal(inputs[0, :, :5].argmax(-1), labels)  # the answer: step 0
    empty, labels2 = memory.delayed_recall(4, k=3, num_symbols=5, distractors=False)
    assert empty[1:].abs().sum() == 0 and torch.equal(empty[0, :, :5].argmax(-1), labels2)
    with pytest.raises(ValueError, match="at least 0"):
        memory.delayed_recall(2, k=-1)


@pytest.mark.parametrize("cell", [nn.RNN, nn.GRU, nn.LSTM])
def test_matched_hidden_size_matches_the_parameter_count(cell):
    target = memory.num_params(memory.RecallNet(nn.LSTM, 9, 24, 8))
    h = memory.matched_hidden_size(cell, target, 9, 8)
    count = memory.num_params(memory.RecallNet(cell, 9, h, 8))
    assert abs(count - target) / target < 0.05
    for other in (h - 1, h + 1):  # the closest hidden size, not merely a close one
        assert abs(memory.num_params(memory.RecallNet(cell, 9, other, 8)) - target) >= abs(count - target)


def test_sample_delay_stays_in_range():
    g = torch.Generator().manual_seed(0)
    draws = [memory.sample_delay(1, 300, g) for _ in range(2000)]
    assert min(draws) >= 1 and max(draws) <= 300
    assert sum(d <= 17 for d in draws) > 0.35 * len(draws)  # log-uniform: half below sqrt(300)
    assert memory.sample_delay(5, 5, g) == 5


def test_a_gru_learns_a_short_delay_and_stops_early():
    rnnlab.seed(0)
    net = memory.RecallNet(nn.GRU, 9, 24, 8)
    g = torch.Generator().manual_seed(0)
    assert memory.recall_accuracy(net, 2, generator=g) < 0.4
    losses = memory.train_recall(net, 2, num_updates=400, stop_at=0.99, generator=g)
    assert len(losses) < 400 and losses[-1] < losses[0]
    assert memory.recall_accuracy(net, 2, generator=g) > 0.95


class LastInputOnly(nn.Module):
    """A network without memory: it sees only the last input."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(9, 8)

    def forward(self, inputs):
        return self.linear(inputs[-1])


def test_without_memory_the_task_stays_at_chance():
    rnnlab.seed(0)
    net, g = LastInputOnly(), torch.Generator().manual_seed(0)
    memory.train_recall(net, 3, num_updates=150, generator=g)
    accuracy = memory.accuracy_by_delay(net, [3], num_sequences=2000, generator=g)[3]
    assert abs(accuracy - 1 / 8) < 0.05


def test_quick_mode_caps_updates(monkeypatch, capsys):
    monkeypatch.setenv("RNNLAB_QUICK", "1")
    net = memory.RecallNet(nn.RNN, 9, 8, 8)
    losses = memory.train_recall(net, 20, num_updates=10_000, min_k=1)
    assert len(losses) == memory.QUICK_MAX_UPDATES
    with pytest.raises(ValueError, match="min_k"):
        memory.train_recall(net, 3, min_k=5)
