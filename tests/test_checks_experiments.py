"""Each experiment check passes on a correct input and fails, with a teaching message, on a typical mistake."""
import pytest
import torch
from torch import nn

import rnnlab
from rnnlab.checks import experiments as ce
from rnnlab.checks import CheckFailed


def failure(check, *args):
    with pytest.raises(CheckFailed) as info:
        check(*args)
    return str(info.value)


# --- windows and k-step prediction ---------------------------------------------------------

def windows(x, tau):
    T = len(x)
    features = torch.stack([x[i:T - tau + i] for i in range(tau)], dim=1)
    return features, x[tau:].reshape(-1, 1)


def test_windows(capsys):
    ce.check_windows(windows)
    assert capsys.readouterr().out.startswith("PASSED")
    msg = failure(ce.check_windows, lambda x, tau: (windows(x, tau)[0], x[tau:]))
    assert "reshape(-1, 1)" in msg and "expected" in msg and "got" in msg
    msg = failure(ce.check_windows, lambda x, tau: (windows(x, tau)[0], x[tau - 1:-1].reshape(-1, 1)))
    assert "off by one" in msg
    msg = failure(ce.check_windows, lambda x, tau: (x.unfold(0, tau, 1), x[tau - 1:].reshape(-1, 1)))
    assert "T - tau windows" in msg
    with pytest.raises(NotImplementedError):
        ce.check_windows(lambda x, tau: (_ for _ in ()).throw(NotImplementedError()))


def k_step(net, x, tau, k):
    n = len(x) - tau - k + 1
    cols = [x[i:i + n] for i in range(tau)]
    for _ in range(k):
        cols.append(net(torch.stack(cols[-tau:], dim=1)).reshape(-1))
    return torch.stack(cols[tau:], dim=1)


def k_step_observed(net, x, tau, k):  # the mistake: no feedback, one-step predictions throughout
    n = len(x) - tau - k + 1
    return torch.stack([net(torch.stack([x[i + j:i + j + n] for i in range(tau)], dim=1)).reshape(-1)
                        for j in range(k)], dim=1)


def test_k_step(capsys):
    ce.check_k_step(k_step)
    assert "PASSED" in capsys.readouterr().out
    assert "own predictions" in failure(ce.check_k_step, k_step_observed)
    assert "shape" in failure(ce.check_k_step, lambda net, x, tau, k: k_step(net, x, tau, k).T)


def test_beats_naive(capsys):
    torch.manual_seed(0)
    x = torch.sin(0.01 * torch.arange(1, 1001.0)) + torch.randn(1000) * 0.2
    features, labels = windows(x, 4)
    mean = nn.Linear(4, 1)
    with torch.no_grad():
        mean.weight.fill_(0.25), mean.bias.zero_()
    ce.check_beats_naive(mean, features, labels, 600)  # averaging 4 noisy values beats the last one
    assert "PASSED" in capsys.readouterr().out
    assert "repeat-last-value baseline" in failure(ce.check_beats_naive, nn.Linear(4, 1), features, labels, 600)


# --- language-model data and tables --------------------------------------------------------

def split(corpus, val_fraction):
    n_val = int(len(corpus) * val_fraction)
    return corpus[:len(corpus) - n_val], corpus[len(corpus) - n_val:]


def test_train_val_split(capsys):
    ce.check_train_val_split(split)
    assert "PASSED" in capsys.readouterr().out
    assert "overlap" in failure(ce.check_train_val_split,
                                lambda c, f: (c[:len(c) - int(len(c) * f) + 1], c[len(c) - int(len(c) * f):]))
    assert "leak" in failure(ce.check_train_val_split, lambda c, f: (split(c, f)[0][::-1], split(c, f)[1]))
    assert "VALIDATION share" in failure(ce.check_train_val_split, lambda c, f: split(c, 1 - f))
    assert "END of the corpus" in failure(ce.check_train_val_split, lambda c, f: split(c, 1 - f)[::-1])


@pytest.fixture(scope="module")
def two_models():
    rnnlab.seed(0)
    vocab = rnnlab.Vocab([list("abc ")])
    its = [rnnlab.SeqDataLoader([vocab[c] for c in text * 60], 4, 5) for text in ("abc ", "cba ")]
    nets = []
    for it in its:
        net = rnnlab.RNNLM(nn.GRU(len(vocab), 8), len(vocab))
        rnnlab.train(net, it, vocab, lr=2, num_epochs=20, prefixes=(), plot=False, progress=False,
                     device="cpu")
        nets.append(net)
    return nets, its


def test_cross_perplexity(two_models, capsys):
    nets, its = two_models
    table = [[rnnlab.evaluate_perplexity(n, it) for it in its] for n in nets]
    ce.check_cross_perplexity(table, nets, its)
    assert "PASSED" in capsys.readouterr().out
    swapped = [list(r) for r in zip(*table)]
    assert "swapped" in failure(ce.check_cross_perplexity, swapped, nets, its)
    assert "one row per model" in failure(ce.check_cross_perplexity, [table[0]], nets, its)
    import math
    assert "exp(loss)" in failure(ce.check_cross_perplexity, [[math.log(v) for v in r] for r in table], nets, its)


def test_word_vocab_sizes(capsys):
    lines = rnnlab.read_time_machine()[:300]

    def sizes(lines, min_freqs):
        tokens = rnnlab.tokenize(lines, "word")
        return {m: len(rnnlab.Vocab(tokens, min_freq=m)) for m in min_freqs}
    ce.check_word_vocab_sizes(sizes, lines)
    assert "PASSED" in capsys.readouterr().out
    no_unk = lambda lines, mf: {m: s - 1 for m, s in sizes(lines, mf).items()}
    assert "<unk>" in failure(ce.check_word_vocab_sizes, no_unk, lines)
    chars = lambda lines, mf: {m: len(rnnlab.Vocab(rnnlab.tokenize(lines, "char"), min_freq=m)) for m in mf}
    assert "expected" in failure(ce.check_word_vocab_sizes, chars, lines)


# --- layers -------------------------------------------------------------------------------

def param_count(kind, num_inputs, num_hiddens):
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    return gates * (num_hiddens * (num_inputs + num_hiddens) + 2 * num_hiddens)


def test_param_count(capsys):
    ce.check_param_count(param_count)
    assert "PASSED" in capsys.readouterr().out
    one_bias = lambda k, i, h: param_count(k, i, h) - {"rnn": 1, "gru": 3, "lstm": 4}[k] * h
    assert "two bias vectors" in failure(ce.check_param_count, one_bias)
    assert "gate block" in failure(ce.check_param_count, lambda k, i, h: param_count("lstm", i, h))


class TwoGate(nn.Module):
    """Reset-only or update-only GRU (the reference solution), with switchable mistakes."""

    def __init__(self, num_inputs, num_hiddens, variant="reset_only", mistake=None):
        super().__init__()
        self.variant, self.mistake, self.hidden_size = variant, mistake, num_hiddens
        s = num_hiddens ** -0.5
        self.weight_ih_l0 = nn.Parameter(torch.empty(2 * num_hiddens, num_inputs).uniform_(-s, s))
        self.weight_hh_l0 = nn.Parameter(torch.empty(2 * num_hiddens, num_hiddens).uniform_(-s, s))
        self.bias_ih_l0 = nn.Parameter(torch.zeros(2 * num_hiddens))
        self.bias_hh_l0 = nn.Parameter(torch.zeros(2 * num_hiddens))

    def forward(self, inputs, state):
        H, outputs, h = state[0], [], self.hidden_size
        gi_all = inputs @ self.weight_ih_l0.T + self.bias_ih_l0
        for gi in gi_all:
            gh = H @ self.weight_hh_l0.T + self.bias_hh_l0
            g = torch.sigmoid(gi[:, :h] + gh[:, :h])
            if self.variant == "reset_only":
                if self.mistake == "d2l":
                    H = torch.tanh(gi[:, h:] + (g * H) @ self.weight_hh_l0[h:].T + self.bias_hh_l0[h:])
                else:
                    H = torch.tanh(gi[:, h:] + g * gh[:, h:])
            else:
                n = torch.tanh(gi[:, h:] + gh[:, h:])
                H = g * n + (1 - g) * H if self.mistake == "swap" else (1 - g) * n + g * H
            outputs.append(H)
        out = torch.stack(outputs)
        return out, (out[-1] if self.mistake == "state" else H.unsqueeze(0))


def variant(name, mistake=None):
    cls = lambda i, h: TwoGate(i, h, name, mistake)
    cls.__name__ = f"TwoGate_{name}"
    return cls


@pytest.mark.parametrize("name", ["reset_only", "update_only"])
def test_gru_variant(name, capsys):
    ce.check_gru_variant(variant(name), name)
    assert "PASSED" in capsys.readouterr().out
    assert "H.unsqueeze(0)" in failure(ce.check_gru_variant, variant(name, "state"), name)
    other = "update_only" if name == "reset_only" else "reset_only"
    assert "max abs difference" in failure(ce.check_gru_variant, variant(other), name)


def test_gru_variant_diagnoses_the_classic_mistakes():
    assert "d2l's form" in failure(ce.check_gru_variant, variant("reset_only", "d2l"), "reset_only")
    assert "swapped" in failure(ce.check_gru_variant, variant("update_only", "swap"), "update_only")
    assert "nn.GRU's with two gate blocks" in failure(ce.check_gru_variant, lambda i, h: nn.GRU(i, h), "reset_only")


def test_variant_trains_in_rnnlm():
    net = rnnlab.RNNLM(TwoGate(28, 8), 28)
    y, state = net(torch.zeros(2, 5, dtype=torch.long), net.begin_state(2))
    assert y.shape == (10, 28) and state.shape == (1, 2, 8)


def test_below_unigram(capsys):
    corpus = [0, 1, 1, 2, 2, 2, 2, 3]
    base = ce.unigram_perplexity(corpus)
    assert 1 < base < 4
    ce.check_below_unigram(base - 0.1, corpus)
    assert "PASSED" in capsys.readouterr().out
    assert "unigram baseline" in failure(ce.check_below_unigram, base + 0.1, corpus)
    assert "finite" in failure(ce.check_below_unigram, float("nan"), corpus)
