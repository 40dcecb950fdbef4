"""Every check must fail on the stubs (exercises/) and pass on the solutions (solutions/).

nbval runs both folders (``make test-notebooks``). In solutions/ a check that raises fails nbval.
In exercises/ the check cells are tagged ``raises-exception``, and nbval (0.11, plugin.py) does
NOT fail a cell so tagged when it runs cleanly; exercises/conftest.py adds that rule. These tests
prove the rule works on a tiny notebook and that the exercises are built so that it applies.
"""
import pathlib
import shutil
import subprocess
import sys

import nbformat
import pytest

from rnnlab.tools.assign import CHECK_TAG, RAISES_TAG, make_exercise, replace_regions, tags

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
V4 = nbformat.v4


def tiny_exercise(check_source):
    nb = V4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                  "language": "python"}})
    nb.cells = [V4.new_markdown_cell("# 0. Tiny"),
                V4.new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
                V4.new_code_cell(check_source, metadata={"tags": [CHECK_TAG]})]
    return make_exercise(nb, "exercises/tiny.ipynb")


def test_nbval_with_our_hook_fails_a_check_that_cannot_fail(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(ROOT / "exercises" / "conftest.py", folder / "conftest.py")
    nbformat.write(tiny_exercise("assert double(3) == 6\nprint('PASSED: double')"), folder / "good.ipynb")
    nbformat.write(tiny_exercise("print('PASSED: nothing checked')"), folder / "toothless.ipynb")
    done = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider",
                           "-p", "no:xdist", "-q", "exercises"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "1 failed" in out and "toothless.ipynb" in out and "cannot tell" in out, out
    assert "good.ipynb::Cell 3 FAILED" not in out


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_every_check_follows_a_stub_and_may_raise(path):
    nb = nbformat.read(path, as_version=4)
    seen_stub, checks = False, 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        seen_stub = seen_stub or "raise NotImplementedError(" in cell.source
        if CHECK_TAG in tags(cell):
            checks += 1
            assert seen_stub, f"{path.name}: a check before any stub cannot fail on the stubs:\n{cell.source}"
            assert RAISES_TAG in tags(cell)
        assert replace_regions(cell.source, "code")[1] == 0, f"{path.name}: a solution region was left in"
    assert checks, f"{path.name} has no check cell"


# --- the checks themselves: right code passes, typical mistakes fail with the right diagnosis ----

import math  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from rnnlab import checks  # noqa: E402


class TinyRNN(nn.Module):
    """A scratch multi-layer (optionally bidirectional) tanh RNN with switchable mistakes."""

    def __init__(self, num_inputs, num_hiddens, num_layers=1, bidirectional=False, mistake=None):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, num_layers, bidirectional
        self.mistake, d = mistake, 2 if bidirectional else 1
        for l in range(num_layers):
            for sfx in ([""] + (["_reverse"] if bidirectional else [])):
                n_in = num_inputs if l == 0 else d * num_hiddens
                shape_ih = (n_in, num_hiddens) if mistake == "transposed_ih" else (num_hiddens, n_in)
                self.register_parameter(f"weight_ih_l{l}{sfx}", nn.Parameter(torch.zeros(shape_ih)))
                self.register_parameter(f"weight_hh_l{l}{sfx}", nn.Parameter(torch.zeros(num_hiddens, num_hiddens)))
                self.register_parameter(f"bias_ih_l{l}{sfx}", nn.Parameter(torch.zeros(num_hiddens)))
                self.register_parameter(f"bias_hh_l{l}{sfx}", nn.Parameter(torch.zeros(num_hiddens)))

    def _direction(self, inputs, H, name):
        W_ih, W_hh = getattr(self, "weight_ih_" + name), getattr(self, "weight_hh_" + name)
        if self.mistake == "transposed_hh":
            W_hh = W_hh.T
        b = getattr(self, "bias_ih_" + name) + getattr(self, "bias_hh_" + name)
        outputs, H0 = [], H
        for X in inputs:
            H = torch.tanh(X @ W_ih.T + (H0 if self.mistake == "no_carry" else H) @ W_hh.T + b)
            outputs.append(H)
        return torch.stack(outputs), H

    def forward(self, inputs, state):
        if self.mistake == "ignore_state":
            state = torch.zeros_like(state)
        d, new_state, layer_in = 2 if self.bidirectional else 1, [], inputs
        for l in range(self.num_layers):
            src = inputs if self.mistake == "not_chained" else layer_in
            out, H = self._direction(src, state[d * l], f"l{l}")
            new_state.append(H)
            if self.bidirectional:
                out_b, H_b = self._direction(torch.flip(src, [0]), state[d * l + 1], f"l{l}_reverse")
                out = torch.cat([out, out_b if self.mistake == "no_flip_back" else torch.flip(out_b, [0])], -1)
                new_state.append(H_b)
            layer_in = out
        return layer_in, torch.stack(new_state)


@pytest.mark.parametrize("kwargs", [dict(), dict(num_layers=2), dict(num_layers=2, bidirectional=True)])
def test_check_twin_passes_a_correct_layer(kwargs, capsys):
    checks.check_twin(TinyRNN(4, 4, **kwargs), nn.RNN(4, 4, **kwargs))
    assert capsys.readouterr().out.startswith("PASSED")


@pytest.mark.parametrize("mistake, kwargs, words", [
    ("ignore_state", dict(), "state passed to forward is ignored"),
    ("no_carry", dict(), "carried from step to step"),
    ("not_chained", dict(num_layers=2), "layers chained"),
    ("no_flip_back", dict(bidirectional=True), "backward one is not"),
    ("transposed_hh", dict(), "transposed"),
    ("transposed_ih", dict(), "transposed weights"),
])
def test_check_twin_names_the_mistake(mistake, kwargs, words):
    num_inputs = 4 if mistake != "transposed_ih" else 3
    with pytest.raises(checks.CheckFailed, match=words):
        checks.check_twin(TinyRNN(num_inputs, 4, mistake=mistake, **kwargs), nn.RNN(num_inputs, 4, **kwargs))


def test_check_next_token_probs():
    checks.check_next_token_probs(lambda logits, temperature=1.0, alpha=1.0: torch.softmax(alpha * logits / temperature, -1))

    def naive(logits, temperature=1.0, alpha=1.0):
        p = torch.exp(logits / temperature)
        p = (p / p.sum(-1, keepdim=True)) ** alpha
        return p / p.sum(-1, keepdim=True)
    with pytest.raises(checks.CheckFailed, match="subtract the max"):
        checks.check_next_token_probs(naive)
    with pytest.raises(checks.CheckFailed, match="raise the probabilities to alpha"):
        checks.check_next_token_probs(lambda logits, temperature=1.0, alpha=1.0: torch.softmax(logits / temperature, -1))


def test_check_grad_norm():
    checks.check_grad_norm(lambda net: math.sqrt(sum(float(p.grad.pow(2).sum()) for p in net.parameters()
                                                     if p.grad is not None)))
    with pytest.raises(checks.CheckFailed, match="SUM of per-parameter norms"):
        checks.check_grad_norm(lambda net: sum(float(p.grad.norm()) for p in net.parameters() if p.grad is not None))


def _bptt(X, Y, H0, params, through_time=True):
    W_xh, W_hh, b_h, W_hq, b_q = (params[k] for k in ("W_xh", "W_hh", "b_h", "W_hq", "b_q"))
    T, B, _ = X.shape
    Hs, Ps, loss = [H0], [], 0.0
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
        O = Hs[-1] @ W_hq + b_q
        P = np.exp(O - O.max(-1, keepdims=True))
        Ps.append(P / P.sum(-1, keepdims=True))
        loss -= np.log(Ps[-1][np.arange(B), Y[t]]).sum()
    grads, dA_next = {k: np.zeros_like(v) for k, v in params.items()}, np.zeros_like(H0)
    for t in reversed(range(T)):
        dO = Ps[t].copy()
        dO[np.arange(B), Y[t]] -= 1
        dO /= T * B
        grads["W_hq"] += Hs[t + 1].T @ dO
        grads["b_q"] += dO.sum(0)
        dA = (dO @ W_hq.T + (dA_next @ W_hh.T if through_time else 0)) * (1 - Hs[t + 1] ** 2)
        grads["W_xh"] += X[t].T @ dA
        grads["W_hh"] += Hs[t].T @ dA
        grads["b_h"] += dA.sum(0)
        dA_next = dA
    return loss / (T * B), grads


def test_check_bptt():
    checks.check_bptt(_bptt)
    with pytest.raises(checks.CheckFailed, match="from step t\\+1"):
        checks.check_bptt(lambda *args: _bptt(*args, through_time=False))


def test_check_language_model():
    from rnnlab import RNNLM

    class BatchMajor(RNNLM):
        def forward(self, X, state):
            y, state = super().forward(X, state)
            n, b = X.shape[1], X.shape[0]
            return y.reshape(n, b, -1).transpose(0, 1).reshape(n * b, -1), state
    checks.check_language_model(RNNLM(nn.GRU(10, 8), 10), 10, embedding=False)
    with pytest.raises(checks.CheckFailed, match="nn.Embedding"):
        checks.check_language_model(RNNLM(nn.GRU(10, 8), 10), 10)
    with pytest.raises(checks.CheckFailed, match="batch-major"):
        checks.check_language_model(BatchMajor(nn.GRU(10, 8), 10), 10, embedding=False)


def test_check_uneven_bidirectional():
    class Uneven(nn.Module):
        def __init__(self, flip_back=True):
            super().__init__()
            self.fwd, self.bwd, self.flip_back = nn.GRU(3, 2), nn.GRU(3, 5), flip_back

        def forward(self, X):
            b = self.bwd(torch.flip(X, [0]))[0]
            return torch.cat([self.fwd(X)[0], torch.flip(b, [0]) if self.flip_back else b], -1)
    checks.check_uneven_bidirectional(Uneven())
    with pytest.raises(checks.CheckFailed, match="flip them back"):
        checks.check_uneven_bidirectional(Uneven(flip_back=False))


def test_check_state_gradients():
    def right(X, H0, W_xh, W_hh, b_h, g):
        Hs = [H0]
        for x in X:
            Hs.append(np.tanh(x @ W_xh + Hs[-1] @ W_hh + b_h))
        norms, dH = [], g
        for t in reversed(range(1, len(X) + 1)):
            norms.append(np.linalg.norm(dH))
            dH = (dH * (1 - Hs[t] ** 2)) @ W_hh.T
        return norms[::-1]
    checks.check_state_gradients(right)
    with pytest.raises(checks.CheckFailed, match="reversed"):
        checks.check_state_gradients(lambda *a: right(*a)[::-1])
