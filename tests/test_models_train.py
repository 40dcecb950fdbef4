"""RNNLM with every torch.nn recurrent layer; training, prediction and quick mode."""

import pytest
import torch
from torch import nn

import rnnlab


@pytest.mark.parametrize("layer_cls", [nn.RNN, nn.GRU, nn.LSTM])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2])
def test_rnnlm_shapes(layer_cls, bidirectional, num_layers):
    vocab_size, num_hiddens, batch_size, num_steps = 28, 16, 3, 7
    layer = layer_cls(vocab_size, num_hiddens, num_layers=num_layers, bidirectional=bidirectional)
    net = rnnlab.RNNLM(layer, vocab_size)
    state = net.begin_state(batch_size)
    X = torch.randint(0, vocab_size, (batch_size, num_steps))
    y_hat, new_state = net(X, state)
    assert y_hat.shape == (num_steps * batch_size, vocab_size)
    directions = 2 if bidirectional else 1
    expected = (num_layers * directions, batch_size, num_hiddens)
    states = new_state if layer_cls is nn.LSTM else (new_state,)
    assert isinstance(new_state, tuple) == (layer_cls is nn.LSTM)
    assert all(s.shape == expected for s in states)


class ScratchTanhRNN(nn.Module):
    """A minimal scratch layer with its own begin_state, to show RNNLM accepts one."""

    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.num_hiddens = num_hiddens
        self.cell = nn.RNNCell(num_inputs, num_hiddens)

    def forward(self, inputs, state):
        H, outputs = state[0], []
        for X in inputs:
            H = self.cell(X, H)
            outputs.append(H)
        return torch.stack(outputs), H.unsqueeze(0)

    def begin_state(self, batch_size, device):
        return torch.zeros((1, batch_size, self.num_hiddens), device=device)


def tiny_setup(layer):
    rnnlab.seed(0)
    train_iter, vocab = rnnlab.load_data_time_machine(batch_size=8, num_steps=10, max_tokens=2000)
    return rnnlab.RNNLM(layer(len(vocab), 32), len(vocab)), train_iter, vocab


@pytest.mark.parametrize("layer", [nn.GRU, ScratchTanhRNN])
def test_training_lowers_the_loss(layer, capsys):
    net, train_iter, vocab = tiny_setup(layer)
    before = rnnlab.evaluate_perplexity(net, train_iter, "cpu")
    history = rnnlab.train(
        net, train_iter, vocab, lr=1, num_epochs=8, device="cpu", progress=False, prefixes=["time"]
    )
    after = rnnlab.evaluate_perplexity(net, train_iter, "cpu")
    assert after < before * 0.8, (before, after)
    assert history.epochs == list(range(1, 9)) and len(history.perplexities) == 8
    assert history.perplexity < history.perplexities[0]
    out = capsys.readouterr().out
    assert "tokens/sec on cpu" in out and history.samples["time"].startswith("time")


def test_predict_is_deterministic_under_a_seed():
    net, _, vocab = tiny_setup(nn.LSTM)
    greedy = rnnlab.predict("time ", 20, net, vocab, "cpu")
    assert greedy == rnnlab.predict("time ", 20, net, vocab, "cpu") and len(greedy) == 25
    rnnlab.seed(3)
    first = rnnlab.predict("time ", 30, net, vocab, "cpu", temperature=1.0)
    rnnlab.seed(3)
    assert rnnlab.predict("time ", 30, net, vocab, "cpu", temperature=1.0) == first


def test_predict_names_characters_outside_the_vocabulary():
    net, _, vocab = tiny_setup(nn.GRU)
    with pytest.raises(ValueError, match=r"not in the vocabulary: \['T'\]"):
        rnnlab.predict("The", 5, net, vocab, "cpu")


def test_grad_clipping_bounds_the_global_norm():
    net = nn.Linear(4, 3)
    for p in net.parameters():
        p.grad = torch.full_like(p, 10.0)
    norm_before = rnnlab.grad_clipping(net, 1.0)
    assert float(norm_before) == pytest.approx(10.0 * 15**0.5)
    total = torch.sqrt(sum((p.grad**2).sum() for p in net.parameters()))
    assert float(total) == pytest.approx(1.0, rel=1e-5)


def test_quick_mode_caps_epochs_and_tokens(monkeypatch, capsys):
    monkeypatch.setenv("RNNLAB_QUICK", "1")
    corpus, _ = rnnlab.load_corpus_time_machine(max_tokens=-1)
    assert len(corpus) == rnnlab.quick.QUICK_MAX_TOKENS
    # the cap is what is tested, not learning: 2 minibatches an epoch keep 30 epochs cheap
    rnnlab.seed(0)
    train_iter, vocab = rnnlab.load_data_time_machine(batch_size=8, num_steps=10, max_tokens=200)
    net = rnnlab.RNNLM(nn.GRU(len(vocab), 8), len(vocab))
    history = rnnlab.train(net, train_iter, vocab, 1, 500, "cpu", progress=False, prefixes=())
    assert len(history.epochs) == rnnlab.quick.QUICK_MAX_EPOCHS
    assert "quick mode" in capsys.readouterr().out


def test_a_lower_quick_cap_applies_only_in_quick_mode(monkeypatch):
    monkeypatch.delenv("RNNLAB_QUICK", raising=False)
    assert rnnlab.cap_epochs(25, quick_max=5) == 25
    monkeypatch.setenv("RNNLAB_QUICK", "1")
    assert rnnlab.cap_epochs(25, quick_max=5) == 5
    assert rnnlab.cap_epochs(3, quick_max=5) == 3


def test_try_gpu_returns_a_usable_device():
    device = rnnlab.try_gpu()
    assert torch.zeros(1, device=device).device.type == device.type
