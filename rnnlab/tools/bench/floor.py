"""``make bench``, second part: the matrix-product floor of the book's trainings on this machine.

Whatever the implementation, training a recurrent layer on a minibatch of ``num_steps`` steps
needs, per layer and direction, one product of the state with the recurrent weights per step
going forward and one per step going back. Those are sequential (step t needs step t-1), so
they stay small. The weight gradient can be one large product over all steps at once. This
times exactly these fp32 products with torch's matrix multiply and multiplies up to ``NUM_EPOCHS``.
Gates, softmax, autograd and the update come on top, so a real training is slower.
"""

import time

import torch

from ...data import SeqDataLoader

BATCH_SIZE, NUM_STEPS, NUM_EPOCHS, NUM_TOKENS = 32, 35, 500, 10_000

# name, gates per layer, hidden units, layers, directions, and the seconds Dive into Deep
# Learning 0.17's code took for the same training on the book's two-core test machine
# (measured by the book's authors on that machine; "concise / scratch" where both were timed).
TRAININGS = [
    ("tanh RNN, 512 hidden (ch. 3, scratch)", 1, 512, 1, 1, "77"),
    ("tanh RNN, 256 hidden (ch. 4, nn.RNN)", 1, 256, 1, 1, "25"),
    ("GRU, 256 hidden (ch. 6)", 3, 256, 1, 1, "73 / 114"),
    ("LSTM, 256 hidden (ch. 7)", 4, 256, 1, 1, "34 / 130"),
    ("LSTM, 2 layers (ch. 8)", 4, 256, 2, 1, "86"),
    ("LSTM, 2 layers, bidirectional", 4, 256, 2, 2, "269"),
]


def best_time(fn, repeats, rounds=5):
    """Seconds per call of ``fn``: the best of a few rounds, so machine noise counts least."""
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeats):
            fn()
        times.append((time.perf_counter() - start) / repeats)
    return min(times)


def products_time(rows, inner, cols, repeats):
    """Seconds for (rows x inner) @ (inner x cols) and the two products of its backward pass."""
    A, B, G = torch.randn(rows, inner), torch.randn(inner, cols), torch.randn(rows, cols)
    return (
        best_time(lambda: A @ B, repeats)
        + best_time(lambda: G @ B.T, repeats)
        + best_time(lambda: A.T @ G, repeats)
    )


def minibatch_floor(gates, num_hiddens, num_layers=1, directions=1):
    """Seconds of the unavoidable fp32 matrix products for one minibatch of one training."""
    G, rows = gates * num_hiddens, NUM_STEPS * BATCH_SIZE
    H, W_hh, dZ = (
        torch.randn(BATCH_SIZE, num_hiddens),
        torch.randn(G, num_hiddens),
        torch.randn(BATCH_SIZE, G),
    )
    per_step = best_time(lambda: H @ W_hh.T, 200) + best_time(lambda: dZ @ W_hh, 200)
    H_all, dZ_all = torch.randn(rows, num_hiddens), torch.randn(rows, G)
    weight_grad = best_time(lambda: H_all.T @ dZ_all, 20)  # all time steps in one product
    seconds = num_layers * directions * (NUM_STEPS * per_step + weight_grad)
    if num_layers > 1:  # upper layers read hidden states: their input products are no longer tiny
        seconds += (num_layers - 1) * directions * products_time(rows, num_hiddens * directions, G, 20)
    return seconds


def main():
    batches = len(SeqDataLoader(list(range(NUM_TOKENS)), BATCH_SIZE, NUM_STEPS))
    print(
        f"\nmatrix-product floor: batch {BATCH_SIZE}, {NUM_STEPS} steps, {batches} minibatches per epoch "
        f"({NUM_TOKENS:,} tokens), {NUM_EPOCHS} epochs, fp32, {torch.get_num_threads()} threads"
    )
    print(
        f"| training | products per minibatch (ms) | floor for {NUM_EPOCHS} epochs (s) | d2l 0.17 here (s) |"
    )
    print("|---|---:|---:|---:|")
    for name, gates, num_hiddens, num_layers, directions, reference in TRAININGS:
        seconds = minibatch_floor(gates, num_hiddens, num_layers, directions)
        print(f"| {name} | {seconds * 1e3:.1f} | {seconds * batches * NUM_EPOCHS:.0f} | {reference} |")
    print(
        "The floor counts matrix products only (two per step, the weight gradients, upper layers' inputs);\n"
        "a training cannot be faster than it with this matrix multiply on this machine.\n"
        "Timings here move by 10-30% between runs."
    )
