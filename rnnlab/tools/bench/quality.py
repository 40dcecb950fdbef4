"""``make bench``: time to quality, d2l's recipe against the book's, judged on held-out text.

For each chapter's model (RNN, GRU, LSTM with 256 hidden units; a 2-layer LSTM) two recipes
train side by side in one process, in alternating slices of a few minibatches, so that the
machine's drifting speed hits both alike:

- d2l's recipe: the first 10,000 characters of The Time Machine, sequential minibatches with
  the state carried over, SGD at learning rate 1 (2 for the 2-layer LSTM), 500 epochs;
- the book's recipe: all of the book but the held-out text, random minibatches, Adam.

Both use batch size 32, 35 steps, norm clipping at 1, one-hot inputs (the same ``RNNLM``), so
only the recipe differs. Held-out perplexity is measured on the chapters' held-out text (the
10,000 characters after d2l's 10,000, ``load_data_time_machine_split``), which neither recipe
trains on, every 5 epochs of d2l's recipe and after as many minibatches of the book's; the
clock runs only while a recipe trains. The target is the best held-out perplexity d2l's recipe
reaches in its 500 epochs (plus 2 %); the report gives the training time each recipe needs to
reach it and their ratio (the book's target: at most 0.5).
"""

import argparse
import math
import time

import torch
from torch import nn

from ...data import load_data_time_machine_split
from ...models import RNNLM
from ...train import detach_state, evaluate_perplexity, grad_clipping, seed

BATCH_SIZE, NUM_STEPS, NUM_HIDDENS = 32, 35, 256
TARGET_SLACK = 1.02
EVAL_EPOCHS = 5  # held-out perplexity every 5 epochs of d2l's recipe (40 minibatches)
MODELS = {  # name: (make the recurrent layer, d2l's learning rate)
    "RNN": (lambda v: nn.RNN(v, NUM_HIDDENS), 1.0),
    "GRU": (lambda v: nn.GRU(v, NUM_HIDDENS), 1.0),
    "LSTM": (lambda v: nn.LSTM(v, NUM_HIDDENS), 1.0),
    "2-layer LSTM": (lambda v: nn.LSTM(v, NUM_HIDDENS, num_layers=2), 2.0),
}


class Recipe:
    """One training run that advances a few minibatches at a time and keeps its own clock.

    ``curve`` holds (training seconds so far, held-out perplexity) after each evaluation.
    """

    def __init__(self, name, net, train_iter, optimizer, eval_every, max_steps, val_iter):
        self.name, self.net, self.train_iter = name, net, train_iter
        self.optimizer, self.eval_every, self.max_steps = optimizer, eval_every, max_steps
        self.val_iter, self.loss = val_iter, nn.CrossEntropyLoss()
        self.steps, self.seconds, self.curve = 0, 0.0, []
        self.batches, self.state = iter(()), None

    @property
    def done(self):
        return self.steps >= self.max_steps

    def _next_batch(self):
        try:
            return next(self.batches)
        except StopIteration:  # a new epoch: new offset, a fresh state
            self.batches, self.state = iter(self.train_iter), None
            return next(self.batches)

    def advance(self, num_steps):
        """Train ``num_steps`` minibatches (timed), evaluating held-out text on schedule."""
        for _ in range(min(num_steps, self.max_steps - self.steps)):
            start = time.perf_counter()
            X, Y = self._next_batch()
            if self.state is None or self.train_iter.use_random_iter:
                self.state = self.net.begin_state(batch_size=X.shape[0])
            else:
                self.state = detach_state(self.state)
            y_hat, self.state = self.net(X, self.state)
            loss = self.loss(y_hat, Y.T.reshape(-1).long())
            self.optimizer.zero_grad()
            loss.backward()
            grad_clipping(self.net, 1.0)
            self.optimizer.step()
            self.seconds += time.perf_counter() - start
            self.steps += 1
            if self.steps % self.eval_every == 0 or self.done:  # not timed
                self.curve.append((self.seconds, evaluate_perplexity(self.net, self.val_iter)))

    def best(self):
        return min(ppl for _, ppl in self.curve)

    def time_to(self, target):
        """Training seconds until held-out perplexity first reached ``target`` (None: never)."""
        return next((s for s, ppl in self.curve if ppl <= target), None)


def load_texts():
    """The chapters' split: d2l's training text (the first 10,000 characters), the book's
    (every character but the held-out ones) and the held-out text (the next 10,000)."""
    d2l_iter, val_iter, vocab = load_data_time_machine_split(BATCH_SIZE, NUM_STEPS)
    book_iter, _, _ = load_data_time_machine_split(
        BATCH_SIZE, NUM_STEPS, use_random_iter=True, train_on_rest=True
    )
    return {"d2l": d2l_iter, "book": book_iter, "held_out": val_iter, "vocab_size": len(vocab)}


def make_recipes(model, texts, d2l_epochs, book_lr):
    make_layer, d2l_lr = MODELS[model]
    d2l_iter, book_iter, val_iter = texts["d2l"], texts["book"], texts["held_out"]
    vocab_size = texts["vocab_size"]
    epoch = len(d2l_iter)
    seed(0)
    d2l_net = RNNLM(make_layer(vocab_size), vocab_size)
    seed(0)
    book_net = RNNLM(make_layer(vocab_size), vocab_size)
    max_steps = d2l_epochs * epoch
    every = EVAL_EPOCHS * epoch
    return (
        Recipe(
            "d2l",
            d2l_net,
            d2l_iter,
            torch.optim.SGD(d2l_net.parameters(), d2l_lr),
            every,
            max_steps,
            val_iter,
        ),
        Recipe(
            "book",
            book_net,
            book_iter,
            torch.optim.Adam(book_net.parameters(), book_lr),
            every,
            max_steps,
            val_iter,
        ),
    )


def race(model, texts, d2l_epochs, book_lr, slice_steps=8):
    """Alternate slices of the two recipes until both have spent their step budget."""
    d2l, book = make_recipes(model, texts, d2l_epochs, book_lr)
    turn = 0
    while not (d2l.done and book.done):
        first, second = (d2l, book) if turn % 2 == 0 else (book, d2l)
        first.advance(slice_steps)
        second.advance(slice_steps)
        turn += 1
    target = d2l.best() * TARGET_SLACK
    return {
        "model": model,
        "target": target,
        "d2l_best": d2l.best(),
        "book_best": book.best(),
        "d2l_final": d2l.curve[-1][1],
        "d2l_time": d2l.time_to(target),
        "book_time": book.time_to(target),
    }


def _seconds(s):
    return "never" if s is None else f"{s:.1f} s"


def report(rows):
    print(
        f"{'model':<14}{'target':>8}{'d2l best':>10}{'d2l last':>10}{'book best':>11}"
        f"{'d2l time':>11}{'book time':>11}{'ratio':>8}"
    )
    for r in rows:
        ratio = r["book_time"] / r["d2l_time"] if r["book_time"] is not None and r["d2l_time"] else math.nan
        print(
            f"{r['model']:<14}{r['target']:>8.2f}{r['d2l_best']:>10.2f}{r['d2l_final']:>10.2f}"
            f"{r['book_best']:>11.2f}{_seconds(r['d2l_time']):>11}"
            f"{_seconds(r['book_time']):>11}{ratio:>8.2f}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m rnnlab bench quality")
    parser.add_argument("--epochs", type=int, default=500, help="epochs of d2l's recipe")
    parser.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    parser.add_argument("--book-lr", type=float, default=3e-3, help="Adam's learning rate")
    args = parser.parse_args(argv)
    texts = load_texts()
    print(
        f"time to quality on held-out text: torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads, d2l's recipe {args.epochs} epochs on "
        f"{len(texts['d2l'].corpus):,} characters, the book's on "
        f"{len(texts['book'].corpus):,}; held-out: {len(texts['held_out'].corpus):,} "
        "characters (the chapters' split)",
        flush=True,
    )
    rows = []
    for model in args.models:
        rows.append(race(model, texts, args.epochs, args.book_lr))
        print(f"  {model}: done", flush=True)
    report(rows)
    return rows
