"""Training, evaluation and generation for language models.

The loop ``train`` runs is the one the RNN-from-scratch chapter writes out by hand:
for each minibatch, begin or detach the state, compute the loss over all positions,
backpropagate, clip the gradient's global norm, take an optimizer step.
"""

import copy
import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from .data import Vocab
from .quick import cap_epochs

# _progress: tests/test_site.py reads the progress-bar switch from here.
from .report import TrainingReport, _progress  # noqa: F401


def seed(n: int = 0) -> None:
    """Seed Python, NumPy and PyTorch (all devices) so a run repeats."""
    random.seed(n)
    np.random.seed(n)
    torch.manual_seed(n)


def try_gpu() -> torch.device:
    """The best device here: CUDA, then Apple MPS, then CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def grad_clipping(net: nn.Module, theta: float) -> torch.Tensor:
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
    perplexity after the epochs listed in ``val_epochs``. With a test loader as well, that
    held-out text is the validation text, used to choose an epoch (``best_val``), and
    ``test_perplexity`` is the perplexity of the chosen epoch's weights (``test_epoch``) on the
    test text, measured once after training.
    """

    epochs: list = field(default_factory=list)
    perplexities: list = field(default_factory=list)
    tokens_per_sec: list = field(default_factory=list)
    seconds: float = 0.0
    device: str = "cpu"
    samples: dict = field(default_factory=dict)
    val_epochs: list = field(default_factory=list)
    val_perplexities: list = field(default_factory=list)
    test_perplexity: float | None = None
    test_epoch: int | None = None

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
        """``(epoch, perplexity)`` of the lowest held-out (validation) perplexity; None without."""
        if not self.val_perplexities:
            return None
        i = min(range(len(self.val_perplexities)), key=self.val_perplexities.__getitem__)
        return self.val_epochs[i], self.val_perplexities[i]

    @property
    def speed(self):
        """Mean tokens per second over all epochs."""
        return sum(self.tokens_per_sec) / len(self.tokens_per_sec)

    def summary(self):
        if self.test_perplexity is not None:
            return self._summary_with_test()
        if not self.val_perplexities:
            return f"perplexity {self.perplexity:.2f}, {self.speed:.0f} tokens/sec on {self.device}"
        best_epoch, best = self.best_val
        return (
            f"perplexity: training {self.perplexity:.2f}, held-out {self.val_perplexity:.2f} "
            f"(lowest held-out {best:.2f} at epoch {best_epoch}), "
            f"{self.speed:.0f} tokens/sec on {self.device}"
        )

    def _summary_with_test(self):
        parts = [f"perplexity: training {self.perplexity:.2f}"]
        if self.val_perplexities:
            best_epoch, best = self.best_val
            parts.append(f"validation {self.val_perplexity:.2f} (lowest {best:.2f} at epoch {best_epoch})")
        parts.append(f"test {self.test_perplexity:.2f} at epoch {self.test_epoch}")
        return ", ".join(parts) + f", {self.speed:.0f} tokens/sec on {self.device}"


def train(
    net: nn.Module,
    train_iter: Iterable,
    vocab: Vocab,
    lr: float,
    num_epochs: int,
    device: torch.device | str | None = None,
    use_random_iter: bool | None = None,
    optimizer: torch.optim.Optimizer | None = None,
    clip_theta: float | None = 1.0,
    prefixes: Sequence[str] | None = ("time traveller", "traveller"),
    num_preds: int = 50,
    plot: bool = True,
    progress: bool = True,
    print_every: int | None = None,
    val_iter: Iterable | None = None,
    val_every: int | None = None,
    test_iter: Iterable | None = None,
) -> History:
    """Train a language model with chapter 3's loop and return what it measured.

    Each epoch is one ``train_epoch``: for every minibatch, begin or detach the state, compute
    the loss over all positions, backpropagate, clip the gradient's global norm, take a step.
    The run ends by printing ``History.summary()`` and one greedy sample per prefix.

    Args:
        net: the model, such as ``RNNLM``; it needs ``begin_state(batch_size, device)``.
        train_iter: minibatches ``(X, Y)`` of token ids, such as a ``SeqDataLoader``.
        vocab: the ``Vocab`` of the tokens, used to print the samples.
        lr: learning rate of the default optimizer (SGD).
        num_epochs: passes over ``train_iter`` (quick mode caps it: ``cap_epochs``).
        device: where to train; default ``try_gpu()``.
        use_random_iter: begin a fresh state for every minibatch instead of carrying it;
            default: the loader's own ``use_random_iter``.
        optimizer: any ``torch.optim`` optimizer over ``net``'s parameters; default SGD at ``lr``.
        clip_theta: largest global gradient norm (``grad_clipping``); None trains unclipped.
        prefixes: the texts to continue with ``predict`` after training; None or () for none.
        num_preds: tokens each sample adds to its prefix.
        plot: in Jupyter, a perplexity plot that redraws in place.
        progress: outside Jupyter, a progress bar (``RNNLAB_PROGRESS=0`` also turns it off).
        print_every: outside Jupyter, print a line every so many epochs (default: ten lines).
        val_iter: held-out minibatches the model never trains on; their perplexity
            (``evaluate_perplexity``) is recorded, plotted and printed next to training's.
        val_every: measure the held-out perplexity every so many epochs (default: twice per
            printed line) and always after the last.
        test_iter: test minibatches, scored once after training (``History.test_perplexity``).
            With it, ``val_iter`` is validation text: the run keeps a copy of the weights of the
            epoch with the lowest validation perplexity, and ends with ``net`` holding those
            weights (early stopping, chosen on validation); the test figure and the samples are
            theirs. Without ``val_iter`` nothing is chosen and the final weights are tested.

    Shape:
        X, Y: ``(batch_size, num_steps)`` token ids; ``net(X, state)`` returns logits of shape
        ``(num_steps * batch_size, len(vocab))``, time-major like ``Y.T.reshape(-1)``.

    Returns:
        History: per-epoch training perplexity and tokens/s, held-out perplexities, the test
        perplexity and its epoch, the wall time, the device and the samples
        (``history.samples[prefix]``).
    """
    num_epochs = cap_epochs(num_epochs)
    device = torch.device(device) if device is not None else try_gpu()
    if use_random_iter is None:
        use_random_iter = getattr(train_iter, "use_random_iter", False)
    net.to(device)
    loss = nn.CrossEntropyLoss()
    optimizer = optimizer or torch.optim.SGD(net.parameters(), lr)
    history = History(device=str(device))
    held_out = None if val_iter is None else "held-out" if test_iter is None else "validation"
    report = TrainingReport(num_epochs, held_out, plot, progress, print_every)
    chosen = None  # (epoch, validation perplexity, weights) of the lowest validation perplexity so far
    val_every = val_every or max(1, report.print_every // 2)  # a fresh held-out value in every printed line
    with report:
        for epoch in range(1, num_epochs + 1):
            ppl, speed = train_epoch(net, train_iter, loss, optimizer, device, use_random_iter, clip_theta)
            history.epochs.append(epoch)
            history.perplexities.append(ppl)
            history.tokens_per_sec.append(speed)
            if val_iter is not None and (epoch % val_every == 0 or epoch == num_epochs):
                history.val_epochs.append(epoch)
                history.val_perplexities.append(evaluate_perplexity(net, val_iter, device))
                if test_iter is not None and (chosen is None or history.val_perplexity < chosen[1]):
                    chosen = (epoch, history.val_perplexity, copy.deepcopy(net.state_dict()))
            report.epoch_done(history)
    history.seconds = report.close()
    if test_iter is not None:
        if chosen is not None:
            net.load_state_dict(chosen[2])
        history.test_epoch = chosen[0] if chosen is not None else num_epochs
        history.test_perplexity = evaluate_perplexity(net, test_iter, device)
    print(history.summary())
    for prefix in prefixes or ():
        history.samples[prefix] = predict(prefix, num_preds, net, vocab, device)
        print(history.samples[prefix])
    return history


@torch.no_grad()
def evaluate_perplexity(
    net: nn.Module, data_iter: Iterable, device: torch.device | str | None = None
) -> float:
    """Perplexity of ``net`` on ``data_iter``: exp of the mean cross-entropy over every token.

    The state is carried across sequential batches (begun afresh for each batch of a random
    loader), as in training. The model is put in eval mode and back; no gradient is kept.

    Args:
        net: a language model such as ``RNNLM``, with ``begin_state(batch_size, device)``.
        data_iter: minibatches ``(X, Y)``, usually the held-out loader of
            ``load_data_time_machine_split``.
        device: where to evaluate; default: where ``net``'s parameters are.

    Shape:
        X, Y: ``(batch_size, num_steps)`` token ids.

    Returns:
        float: the perplexity (``inf`` for a diverged model).
    """
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
def predict(
    prefix: str | Sequence[str],
    num_preds: int,
    net: nn.Module,
    vocab: Vocab,
    device: torch.device | str | None = None,
    temperature: float | None = None,
) -> str:
    """Continue ``prefix`` by ``num_preds`` tokens: greedy, or sampled when ``temperature`` is set.

    The prefix is run through the model first (warm-up: only its state is kept); each new token
    is then fed back in, one step at a time, with batch size 1.

    Args:
        prefix: a string (read as characters) or a list of tokens (word-level models); every
            token must be in ``vocab``.
        num_preds: how many tokens to add.
        net: a language model such as ``RNNLM``.
        vocab: the ``Vocab`` the model was trained with.
        device: where to run; default: where ``net``'s parameters are.
        temperature: None for greedy (the most likely token); a positive number samples from
            softmax(logits / temperature): below 1 sharper, above 1 flatter.

    Returns:
        str: the prefix and its continuation, joined without spaces for a string prefix and
        with spaces for a list of tokens.
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
