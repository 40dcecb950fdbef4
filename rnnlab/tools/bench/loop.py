"""``make bench``: what rnnlab.train's conveniences cost, against a minimal hand-written loop.

Both train a concise LSTM (256 hidden units, batch 32, 35 steps, 10,000 tokens of The Time
Machine) for the same number of epochs; rounds alternate so that machine noise hits both alike,
and the median over rounds is reported.
"""

import io
import statistics
import time
from contextlib import redirect_stderr, redirect_stdout

import torch
from torch import nn

from ...data import load_data_time_machine
from ...models import RNNLM
from ...train import seed, train

NUM_EPOCHS, ROUNDS = 10, 5


class CountingIter:
    """Wraps a data iterator and counts the target tokens it hands out."""

    def __init__(self, data_iter):
        self.data_iter, self.num_tokens = data_iter, 0
        self.use_random_iter = data_iter.use_random_iter

    def __iter__(self):
        for X, Y in self.data_iter:
            self.num_tokens += Y.numel()
            yield X, Y

    def __len__(self):
        return len(self.data_iter)


def minimal_loop(net, train_iter, lr, num_epochs):
    """The same work as rnnlab.train, with nothing else: returns tokens per second."""
    loss, optimizer = nn.CrossEntropyLoss(), torch.optim.SGD(net.parameters(), lr)
    num_tokens, start = 0, time.perf_counter()
    for _ in range(num_epochs):
        state = None
        for X, Y in train_iter:
            state = net.begin_state(X.shape[0]) if state is None else tuple(s.detach() for s in state)
            y = Y.T.reshape(-1)
            y_hat, state = net(X, state)
            l = loss(y_hat, y)
            optimizer.zero_grad()
            l.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            l.item()  # rnnlab.train reads the loss too
            num_tokens += y.numel()
    return num_tokens / (time.perf_counter() - start)


def helper_loop(net, train_iter, vocab, lr, num_epochs):
    """rnnlab.train, everything included (progress bar, history, printing): wall-clock tokens per second."""
    counting = CountingIter(train_iter)
    start = time.perf_counter()
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        train(net, counting, vocab, lr, num_epochs, "cpu", prefixes=())
    return counting.num_tokens / (time.perf_counter() - start)


def main():
    seed(0)
    train_iter, vocab = load_data_time_machine(32, 35, max_tokens=10000)
    make_net = lambda: RNNLM(nn.LSTM(len(vocab), 256), len(vocab))
    minimal_loop(make_net(), train_iter, 1, 1)  # warm-up
    helper, minimal = [], []
    for r in range(ROUNDS):
        helper.append(helper_loop(make_net(), train_iter, vocab, 1, NUM_EPOCHS))
        minimal.append(minimal_loop(make_net(), train_iter, 1, NUM_EPOCHS))
        print(
            f"round {r + 1}/{ROUNDS}: rnnlab.train {helper[-1]:.0f}, minimal loop {minimal[-1]:.0f} tokens/s"
        )
    h, m = statistics.median(helper), statistics.median(minimal)
    print(
        f"\nconcise LSTM, 256 hidden, batch 32, 35 steps, 10,000 tokens, "
        f"{NUM_EPOCHS} epochs x {ROUNDS} rounds, "
        f"{torch.get_num_threads()} threads, torch {torch.__version__}"
    )
    print("| loop | tokens/s (median) |\n|---|---|")
    print(f"| rnnlab.train | {h:.0f} |\n| minimal hand-written loop | {m:.0f} |")
    print(f"ratio rnnlab.train / minimal = {h / m:.3f} (target >= 0.95)")
