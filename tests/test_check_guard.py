"""What a check refuses to learner code while it evaluates it: files, sockets and processes
(rnnlab/checks/guard.py), and torch's fused recurrent kernels by any route (core.recurrence_spy)."""

import socket

import pytest
import torch
from torch import nn

from rnnlab.checks import recurrence_spy
from rnnlab.checks.guard import LearnerIOError, guarded


def learner_reads(path):
    with open(path) as f:
        return f.read()


def test_learner_code_cannot_read_a_file_while_a_check_runs(tmp_path):
    secret = tmp_path / "held_out.txt"
    secret.write_text("the check's text")
    with pytest.raises(LearnerIOError, match="may not read files"):
        guarded(lambda: learner_reads(secret))()
    assert learner_reads(secret) == "the check's text"  # outside a check nothing is refused


def test_learner_code_cannot_open_a_socket_while_a_check_runs():
    def learner_connects():
        with socket.socket() as s:
            s.connect(("127.0.0.1", 9))

    with pytest.raises(LearnerIOError):
        guarded(learner_connects)()


def test_the_checks_own_reads_pass(tmp_path):
    """A check reading its own data (here through pathlib, standard library only) is not refused."""
    data = tmp_path / "book.txt"
    data.write_text("text")
    check = guarded(data.read_text)
    assert check() == "text"


def test_writing_a_checkpoint_is_allowed(tmp_path):
    def learner_saves():
        torch.save({"w": torch.ones(2)}, tmp_path / "ckpt.pt")

    guarded(learner_saves)()
    assert (tmp_path / "ckpt.pt").exists()


class KeepsFusedKernel(nn.Module):
    """A 'scratch' GRU that kept torch's fused kernel from __init__ and calls it later."""

    def __init__(self):
        super().__init__()
        self.twin = nn.GRU(3, 4)
        self.kernel = torch._VF.gru

    def forward(self, X, H):
        weights = list(self.twin._flat_weights)
        return self.kernel(X, H, weights, True, 1, 0.0, False, False, False)


class Scratch(nn.Module):
    def __init__(self):
        super().__init__()
        self.W_xh, self.W_hh = nn.Parameter(torch.randn(3, 4)), nn.Parameter(torch.randn(4, 4))

    def forward(self, X, H):
        outputs = []
        for x in X:
            H = torch.tanh(x @ self.W_xh + H @ self.W_hh)
            outputs.append(H)
        return torch.stack(outputs), H


@pytest.mark.parametrize(
    "layer, state_of",
    [
        (KeepsFusedKernel, lambda H: H),
        (lambda: nn.LSTM(3, 4), lambda H: (H, H)),
        (lambda: nn.RNN(3, 4), lambda H: H),
    ],
    ids=["kernel_kept_from_init", "nn_LSTM", "nn_RNN"],
)
def test_the_spy_sees_every_route_to_a_fused_kernel(layer, state_of):
    X, H = torch.randn(5, 2, 3), torch.zeros(1, 2, 4)
    with recurrence_spy() as spy:
        layer()(X, state_of(H))
    assert spy.calls


def test_the_spy_sees_nothing_in_a_scratch_layer():
    X, H = torch.randn(5, 2, 3), torch.zeros(2, 4)
    with recurrence_spy() as spy:
        out, _ = Scratch()(X, H)
        out.sum().backward()
    assert spy.calls == []


def test_every_check_of_every_module_runs_guarded():
    import importlib
    import pkgutil

    import rnnlab.checks

    unguarded = [
        f"{info.name}.{name}"
        for info in pkgutil.iter_modules(rnnlab.checks.__path__)
        for name, value in vars(importlib.import_module(f"rnnlab.checks.{info.name}")).items()
        if name.startswith("check_") and callable(value) and not hasattr(value, "__wrapped_check__")
    ]
    assert unguarded == []
