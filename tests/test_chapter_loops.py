"""Rule "a chapter teaches by writing the code itself" (CONTRIBUTING.md): the training loop
the RNN-from-scratch chapter writes out equals rnnlab.train_epoch.

The hand-written loop below is the chapter's (chapters/03_rnn_scratch.ipynb, "The training loop,
written out"): begin or detach the state, loss on Y.T.reshape(-1), backward, clip, SGD step.
Both loops train identical copies of the same model on the same minibatches (same seed); the
loss of every step and the final weights must agree.
"""

import copy
import math

import pytest
import torch
from torch import nn

import rnnlab


def grad_clipping(net, theta):
    """The chapter's gradient clipping."""
    grads = [p.grad for p in net.parameters() if p.grad is not None]
    norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    if norm > theta:
        for g in grads:
            g.mul_(theta / norm)
    return norm


def chapter_train_epoch(net, train_iter, loss, optimizer, device, use_random_iter, clip_theta=1.0):
    """The chapter's train_epoch, line for line (timing left out)."""
    state, total_loss, num_tokens = None, 0.0, 0
    for X, Y in train_iter:
        if state is None or use_random_iter:
            state = net.begin_state(batch_size=X.shape[0], device=device)
        else:
            state = state.detach()
        X, y = X.to(device), Y.T.reshape(-1).to(device)
        y_hat, state = net(X, state)
        l = loss(y_hat, y.long())
        optimizer.zero_grad()
        l.backward()
        grad_clipping(net, clip_theta)
        optimizer.step()
        total_loss += l.item() * y.numel()
        num_tokens += y.numel()
    return math.exp(total_loss / num_tokens)


class RecordingLoss(nn.Module):
    """Cross-entropy that remembers the value of every step."""

    def __init__(self):
        super().__init__()
        self.values = []

    def forward(self, y_hat, y):
        l = nn.functional.cross_entropy(y_hat, y)
        self.values.append(l.item())
        return l


class RNNScratch(nn.Module):
    """The chapter's scratch layer."""

    def __init__(self, num_inputs, num_hiddens, sigma=0.01):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, 1, False
        self.weight_ih_l0 = nn.Parameter(torch.randn(num_hiddens, num_inputs) * sigma)
        self.weight_hh_l0 = nn.Parameter(torch.randn(num_hiddens, num_hiddens) * sigma)
        self.bias_ih_l0 = nn.Parameter(torch.zeros(num_hiddens))
        self.bias_hh_l0 = nn.Parameter(torch.zeros(num_hiddens))

    def begin_state(self, batch_size, device):
        return torch.zeros((1, batch_size, self.hidden_size), device=device)

    def forward(self, inputs, state):
        num_steps, batch_size, num_inputs = inputs.shape
        XW = torch.addmm(
            self.bias_ih_l0 + self.bias_hh_l0, inputs.reshape(-1, num_inputs), self.weight_ih_l0.T
        )
        XW = XW.reshape(num_steps, batch_size, self.hidden_size)
        H, W_hh_T, outputs = state[0], self.weight_hh_l0.T, []
        for XW_t in XW:
            H = torch.tanh(torch.addmm(XW_t, H, W_hh_T))
            outputs.append(H)
        return torch.stack(outputs), H.unsqueeze(0)


@pytest.mark.parametrize(
    "use_random_iter, clip_theta", [(False, 1.0), (True, 0.05)], ids=["sequential-clip-1", "random-clip-0.05"]
)
def test_chapter_loop_equals_rnnlab_train_epoch(use_random_iter, clip_theta):
    rnnlab.seed(0)
    corpus, vocab = rnnlab.load_corpus_time_machine(max_tokens=1500)
    train_iter = rnnlab.SeqDataLoader(corpus, batch_size=8, num_steps=10, use_random_iter=use_random_iter)
    net_chapter = rnnlab.RNNLM(RNNScratch(len(vocab), 32), len(vocab))
    net_package = copy.deepcopy(net_chapter)
    runs = {}
    for name, net, epoch_fn in (
        ("chapter", net_chapter, chapter_train_epoch),
        ("rnnlab", net_package, rnnlab.train_epoch),
    ):
        rnnlab.seed(1)  # the same minibatch offsets and order for both loops
        loss = RecordingLoss()
        optimizer = torch.optim.SGD(net.parameters(), lr=1)
        perplexities = []
        for _ in range(2):
            result = epoch_fn(net, train_iter, loss, optimizer, "cpu", use_random_iter, clip_theta)
            perplexities.append(result[0] if isinstance(result, tuple) else result)
        runs[name] = loss.values, perplexities
    (losses_c, ppl_c), (losses_p, ppl_p) = runs["chapter"], runs["rnnlab"]
    assert len(losses_c) == len(losses_p) > 10
    assert losses_c[-1] < losses_c[0], "the loop did not train"
    for step, (a, b) in enumerate(zip(losses_c, losses_p)):
        assert a == pytest.approx(b, abs=1e-6), f"step {step}: chapter loss {a}, rnnlab.train_epoch loss {b}"
    assert ppl_c == pytest.approx(ppl_p, rel=1e-6)
    for (name, p), q in zip(net_chapter.named_parameters(), net_package.parameters()):
        assert torch.allclose(p, q, atol=1e-6), f"{name} differs after training"
