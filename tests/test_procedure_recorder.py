"""The training-procedure properties judged from the recorder (rnnlab/checks/recorder.py):
one optimizer may hold several models when a step on one model's loss moves no other model,
and is rejected when it does (momentum or zeroed, not cleared, gradients)."""

import pytest
import torch
from torch import nn

import rnnlab
from rnnlab.checks import procedure
from rnnlab.checks.core import CheckFailed


def _side_by_side(optimizers_of, set_to_none=True, epochs=2, steps=4):
    """Two small language models trained one epoch of each in turn on random tokens, and their
    optimizers (kept alive: the recorder holds an optimizer's record only while it exists)."""
    torch.manual_seed(0)
    nets = {f"model {k}": rnnlab.RNNLM(nn.GRU(5, 8), 5) for k in (1, 2)}
    optimizers = optimizers_of(nets)
    gen = torch.Generator().manual_seed(1)
    for _ in range(epochs):
        for label, net in nets.items():
            for _ in range(steps):
                X = torch.randint(0, 5, (3, 8), generator=gen)
                Y = torch.randint(0, 5, (3, 8), generator=gen)
                out, _ = net(X, net.begin_state(batch_size=3))
                loss = nn.functional.cross_entropy(out, Y.T.reshape(-1))
                optimizers[label].zero_grad(set_to_none=set_to_none)
                loss.backward()
                optimizers[label].step()
    return nets, optimizers


def _own(nets):
    return {label: torch.optim.Adam(net.parameters(), lr=0.01) for label, net in nets.items()}


def _shared(kind):
    def build(nets):
        params = [p for net in nets.values() for p in net.parameters()]
        one = (
            torch.optim.Adam(params, lr=0.01)
            if kind == "adam"
            else torch.optim.SGD(params, 0.1, momentum=0.9)
        )
        return dict.fromkeys(nets, one)

    return build


@pytest.mark.parametrize("optimizers_of", [_own, _shared("adam"), _shared("sgd")], ids=["own", "adam", "sgd"])
def test_models_trained_apart_pass(optimizers_of):
    nets, _optimizers = _side_by_side(optimizers_of)
    procedure.require_procedure(nets, side_by_side=True)


@pytest.mark.parametrize("kind", ["adam", "sgd"])
def test_a_shared_optimizer_that_moves_the_other_model_fails(kind):
    nets, _optimizers = _side_by_side(_shared(kind), set_to_none=False)
    with pytest.raises(CheckFailed, match="moved in a step where it had no gradient"):
        procedure.require_procedure(nets, side_by_side=True)


def test_one_model_trained_in_one_stretch_fails_with_a_shared_optimizer():
    """The steps of a shared optimizer are credited to the model whose loss gave gradients."""
    nets, _optimizers = _side_by_side(
        _shared("adam"), epochs=1, steps=6
    )  # model 1 then model 2: one stretch each
    with pytest.raises(CheckFailed, match="one stretch"):
        procedure.require_procedure(nets, side_by_side=True)


def test_a_copy_kept_from_an_earlier_epoch_fails_and_a_copy_made_after_training_passes():
    import copy

    nets, _optimizers = _side_by_side(_own, epochs=1)
    earlier = copy.deepcopy(nets["model 1"])  # weights of epoch 1
    _side_by_side_more(nets, _optimizers)
    with pytest.raises(CheckFailed, match="equal to no trained model's final weights"):
        procedure.require_procedure({"model 1": earlier})
    procedure.require_procedure({"model 1": copy.deepcopy(nets["model 1"])})


def _side_by_side_more(nets, optimizers):
    X = torch.randint(0, 5, (3, 8))
    for label, net in nets.items():
        out, _ = net(X, net.begin_state(batch_size=3))
        optimizers[label].zero_grad()
        nn.functional.cross_entropy(out, X.T.reshape(-1)).backward()
        optimizers[label].step()


def test_step_counts_survive_a_full_step_order(monkeypatch):
    """Once the recent order is full, the counts still hold every step (a full list once made
    models trained later look unequal)."""
    import collections

    from rnnlab.checks import recorder

    monkeypatch.setattr(recorder, "STEP_ORDER", collections.deque(maxlen=5))
    nets, _optimizers = _side_by_side(_own, epochs=3)
    steps, _ = procedure._steps_and_stretches(nets)
    assert steps == {"model 1": 12, "model 2": 12}
    procedure.require_procedure(nets, side_by_side=True)
