"""Training, evaluation and generation for language models.

The loop ``train`` runs is the one the RNN-from-scratch chapter writes out by hand:
for each minibatch, begin or detach the state, compute the loss over all positions,
backpropagate, clip the gradient's global norm, take an optimizer step.
"""

import math
import os
import random
import time
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from .plot import LivePlot, in_notebook
from .quick import cap_epochs


def seed(n=0):
    """Seed Python, NumPy and PyTorch (all devices) so a run repeats."""
    random.seed(n)
    np.random.seed(n)
    torch.manual_seed(n)


def try_gpu():
    """The best device here: CUDA, then Apple MPS, then CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def grad_clipping(net, theta):
    """Rescale all gradients so their global L2 norm is at most ``theta``; return the norm before."""
    grads = [p.grad for p in net.parameters() if p.grad is not None]
    norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    if norm > theta:
        for g in grads:
            g.mul_(theta / norm)
    return norm


def detach_state(state):
    """Cut the graph at the batch boundary (truncated backpropagation through time)."""
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return state.detach()


def perplexity_from_loss(mean_loss):
    """exp(mean cross-entropy); ``inf`` for a diverged model whose loss is too large for exp, so
    a blown-up run reports its perplexity instead of stopping with an OverflowError."""
    try:
        return math.exp(mean_loss)
    except OverflowError:
        return math.inf


def train_epoch(net, train_iter, loss, optimizer, device, use_random_iter, clip_theta=1.0):
    """One pass over ``train_iter``; returns (perplexity, tokens per second)."""
    state, total_loss, num_tokens = None, 0.0, 0
    start = time.perf_counter()
    for X, Y in train_iter:
        if state is None or use_random_iter:
            state = net.begin_state(batch_size=X.shape[0], device=device)
        else:
            state = detach_state(state)
        X, y = X.to(device), Y.T.reshape(-1).to(device)  # y is time-major like the logits
        y_hat, state = net(X, state)
        l = loss(y_hat, y.long())
        optimizer.zero_grad()
        l.backward()
        if clip_theta is not None:
            grad_clipping(net, clip_theta)
        optimizer.step()
        total_loss += l.item() * y.numel()
        num_tokens += y.numel()
    seconds = time.perf_counter() - start
    return perplexity_from_loss(total_loss / num_tokens), num_tokens / seconds


@dataclass
class History:
    """What a training run measured: per-epoch perplexity and speed, totals, and samples.

    ``perplexities`` are training perplexities (the mean over each epoch's minibatches, while
    the weights change). With held-out data, ``val_perplexities`` holds the held-out
    perplexity after the epochs listed in ``val_epochs``.
    """

    epochs: list = field(default_factory=list)
    perplexities: list = field(default_factory=list)
    tokens_per_sec: list = field(default_factory=list)
    seconds: float = 0.0
    device: str = "cpu"
    samples: dict = field(default_factory=dict)
    val_epochs: list = field(default_factory=list)
    val_perplexities: list = field(default_factory=list)

    @property
    def perplexity(self):
        """Training perplexity of the last epoch."""
        return self.perplexities[-1]

    @property
    def val_perplexity(self):
        """Held-out perplexity after the last epoch (None without held-out data)."""
        return self.val_perplexities[-1] if self.val_perplexities else None

    @property
    def best_val(self):
        """``(epoch, perplexity)`` of the lowest held-out perplexity (None without held-out data)."""
        if not self.val_perplexities:
            return None
        i = min(range(len(self.val_perplexities)), key=self.val_perplexities.__getitem__)
        return self.val_epochs[i], self.val_perplexities[i]

    @property
    def speed(self):
        """Mean tokens per second over all epochs."""
        return sum(self.tokens_per_sec) / len(self.tokens_per_sec)

    def summary(self):
        if not self.val_perplexities:
            return f"perplexity {self.perplexity:.2f}, {self.speed:.0f} tokens/sec on {self.device}"
        best_epoch, best = self.best_val
        return (
            f"perplexity: training {self.perplexity:.2f}, held-out {self.val_perplexity:.2f} "
            f"(lowest held-out {best:.2f} at epoch {best_epoch}), "
            f"{self.speed:.0f} tokens/sec on {self.device}"
        )


def _progress(total, enabled):
    """A progress bar for a live reader. ``RNNLAB_PROGRESS=0`` turns it off: ``make execute`` sets
    it, because a stored run would keep the bar's first frame (a frozen "0%" widget) forever."""
    from tqdm.auto import tqdm

    enabled = enabled and os.environ.get("RNNLAB_PROGRESS", "1") != "0"
    return tqdm(total=total, desc="epochs", unit="epoch", leave=False, disable=not enabled, mininterval=1.0)


def train(
    net,
    train_iter,
    vocab,
    lr,
    num_epochs,
    device=None,
    use_random_iter=None,
    optimizer=None,
    clip_theta=1.0,
    prefixes=("time traveller", "traveller"),
    num_preds=50,
    plot=True,
    progress=True,
    print_every=None,
    val_iter=None,
    val_every=None,
):
    """Train a language model and return its ``History``.

    ``use_random_iter`` (default: taken from ``train_iter``) re-initialises the state for
    every minibatch instead of carrying it. The optimizer defaults to SGD with rate ``lr``.
    With ``val_iter`` (text the model does not train on) the held-out perplexity is measured
    with ``evaluate_perplexity`` every ``val_every`` epochs (default: twice per printed line,
    about 20 times per run, and always after the last epoch) and recorded, plotted and printed
    next to the training perplexity. In Jupyter a perplexity plot updates in place; elsewhere a
    line is printed every ``print_every`` epochs. The run ends by printing the summary and a
    sample per prefix.
    """
    num_epochs = cap_epochs(num_epochs)
    device = torch.device(device) if device is not None else try_gpu()
    if use_random_iter is None:
        use_random_iter = getattr(train_iter, "use_random_iter", False)
    net.to(device)
    loss = nn.CrossEntropyLoss()
    optimizer = optimizer or torch.optim.SGD(net.parameters(), lr)
    history = History(device=str(device))
    legend = ["training"] + (["held-out"] if val_iter is not None else [])
    live = LivePlot("epoch", "perplexity", legend, xlim=[1, num_epochs], enabled=plot and in_notebook())
    print_every = print_every or max(1, num_epochs // 10)
    val_every = val_every or max(1, print_every // 2)  # a fresh held-out value in every printed line
    start = time.perf_counter()
    # In Jupyter the live plot's title is the progress report; a bar is shown only without it.
    with _progress(num_epochs, progress and not live.enabled) as bar:
        for epoch in range(1, num_epochs + 1):
            ppl, speed = train_epoch(net, train_iter, loss, optimizer, device, use_random_iter, clip_theta)
            history.epochs.append(epoch)
            history.perplexities.append(ppl)
            history.tokens_per_sec.append(speed)
            values, report = [ppl], f"perplexity {ppl:.2f}"
            if val_iter is not None:
                val_ppl = None
                if epoch % val_every == 0 or epoch == num_epochs:
                    val_ppl = evaluate_perplexity(net, val_iter, device)
                    history.val_epochs.append(epoch)
                    history.val_perplexities.append(val_ppl)
                values.append(val_ppl)  # None: not measured at this epoch
                if history.val_perplexities:
                    report = f"perplexity: training {ppl:.2f}, held-out {history.val_perplexity:.2f}"
            bar.update(1)
            bar.set_postfix(perplexity=f"{ppl:.2f}", refresh=False)
            elapsed = time.perf_counter() - start
            eta = elapsed / epoch * (num_epochs - epoch)
            live.add(
                epoch, values, title=f"epoch {epoch}/{num_epochs}, {elapsed:.0f} s, about {eta:.0f} s left"
            )
            if not live.enabled and (epoch % print_every == 0 or epoch == num_epochs):
                bar.write(f"epoch {epoch:4d}/{num_epochs}: {report}, {speed:.0f} tokens/sec")
    history.seconds = time.perf_counter() - start
    live.close(title=f"{num_epochs} epochs, {history.seconds:.0f} s")
    print(history.summary())
    for prefix in prefixes or ():
        history.samples[prefix] = predict(prefix, num_preds, net, vocab, device)
        print(history.samples[prefix])
    return history


@torch.no_grad()
def evaluate_perplexity(net, data_iter, device=None):
    """Perplexity of ``net`` on ``data_iter``, carrying the state across sequential batches."""
    device = torch.device(device) if device is not None else next(net.parameters()).device
    use_random_iter = getattr(data_iter, "use_random_iter", False)
    was_training = net.training
    net.eval()
    state, total_loss, num_tokens = None, 0.0, 0
    for X, Y in data_iter:
        if state is None or use_random_iter:
            state = net.begin_state(batch_size=X.shape[0], device=device)
        y = Y.T.reshape(-1).to(device)
        y_hat, state = net(X.to(device), state)
        total_loss += F.cross_entropy(y_hat, y.long(), reduction="sum").item()
        num_tokens += y.numel()
    net.train(was_training)
    return perplexity_from_loss(total_loss / num_tokens)


@torch.no_grad()
def predict(prefix, num_preds, net, vocab, device=None, temperature=None):
    """Continue ``prefix`` by ``num_preds`` tokens: greedy, or sampled when ``temperature`` is set.

    A string prefix is read as characters and the result joined without spaces; a list of
    tokens (word-level models) is joined with spaces.
    """
    device = torch.device(device) if device is not None else next(net.parameters()).device
    tokens = list(prefix)
    if not tokens:
        raise ValueError("predict needs a non-empty prefix to warm the state up")
    missing = sorted({t for t in tokens if t not in vocab})
    if missing:
        raise ValueError(
            f"prefix {prefix!r} has tokens that are not in the vocabulary: {missing}. "
            f"The vocabulary has {len(vocab)} tokens, e.g. {vocab.idx_to_token[:10]}; "
            "the Time Machine pipeline keeps lower-case letters and spaces only."
        )
    if temperature is not None and temperature <= 0:
        raise ValueError(f"temperature must be positive (got {temperature}); use None for greedy")
    was_training = net.training
    net.eval()
    state = net.begin_state(batch_size=1, device=device)
    outputs = [vocab[tokens[0]]]
    last = lambda: torch.tensor([[outputs[-1]]], device=device)  # (batch_size=1, num_steps=1)
    for tok in tokens[1:]:  # warm-up: run the prefix through, keep only the state
        _, state = net(last(), state)
        outputs.append(vocab[tok])
    for _ in range(num_preds):
        y, state = net(last(), state)
        if temperature is None:
            outputs.append(int(y.argmax(dim=1).reshape(1)))
        else:
            probs = F.softmax(y.reshape(-1) / temperature, dim=0)
            outputs.append(int(torch.multinomial(probs, 1)))
    net.train(was_training)
    joiner = "" if isinstance(prefix, str) else " "
    return joiner.join(vocab.to_tokens(outputs))
