"""``python -m rnnlab seeds recall``: chapter 7's delayed-recall experiment over several seeds.

Exactly the chapter's experiment (``rnnlab.memory``; hidden sizes that give every network about
3,560 parameters; at most 500 updates at one delay, 600 updates on delays 1-20), repeated for
each seed. Seed 0 uses the chapter's generators, so its row repeats the chapter's own run.
Results go to ``rnnlab/results/recall_seeds.json``, saved after every network.
"""

import os
import pathlib
import time

import torch
from torch import nn

from ... import memory
from ...train import seed
from .seeds import load, save

RESULTS = pathlib.Path(__file__).resolve().parents[2] / "results" / "recall_seeds.json"
NUM_SYMBOLS = 8
DELAYS = [2, 5, 10, 20, 50, 100]
TEST_DELAYS = [1, 2, 5, 10, 20, 50, 100, 200, 300]
NAMES = ["RNN", "GRU", "LSTM", "LSTM, forget bias 1"]
CELLS = {"RNN": nn.RNN, "GRU": nn.GRU, "LSTM": nn.LSTM}
SEEDS = (0, 1, 2)
SEED_STRIDE = 100_000  # generator seeds of run s: the chapter's plus s * SEED_STRIDE


def hidden_sizes():
    """The chapter's sizes: each cell's closest match to the 24-unit LSTM's parameter count."""
    budget = memory.num_params(memory.RecallNet(nn.LSTM, NUM_SYMBOLS + 1, 24, NUM_SYMBOLS))
    return {n: memory.matched_hidden_size(c, budget, NUM_SYMBOLS + 1, NUM_SYMBOLS) for n, c in CELLS.items()}


def make_net(name, sizes, run_seed):
    """A fresh network seeded like the chapter's ``make_net`` (forget bias 1: gate f opened)."""
    seed(run_seed)
    cell = name.split(",")[0]
    net = memory.RecallNet(CELLS[cell], NUM_SYMBOLS + 1, sizes[cell], NUM_SYMBOLS)
    if name.endswith("forget bias 1"):
        h = sizes[cell]
        with torch.no_grad():  # gate order i, f, g, o: f is the second block
            net.rnn.bias_ih_l0[h : 2 * h] = 1.0
            net.rnn.bias_hh_l0[h : 2 * h] = 0.0
    return net


def generator(n):
    return torch.Generator().manual_seed(n)


def run_one(name, sizes, run_seed):
    """Both regimes for one network and one seed: ``(accuracy per delay, accuracy per test delay)``."""
    base = SEED_STRIDE * run_seed
    one_delay = []
    for k in DELAYS:  # trained at delay k, tested at delay k
        net = make_net(name, sizes, run_seed)
        memory.train_recall(net, k, num_updates=500, stop_at=0.99, generator=generator(base + k))
        one_delay.append(memory.recall_accuracy(net, k, NUM_SYMBOLS, generator=generator(base + 1000 + k)))
    net = make_net(name, sizes, run_seed)  # trained at delays 1-20, tested at every delay
    memory.train_recall(net, 20, num_updates=600, min_k=1, generator=generator(base))
    accuracy = memory.accuracy_by_delay(net, TEST_DELAYS, NUM_SYMBOLS, generator=generator(base + 1))
    return one_delay, list(accuracy.values())


def main(seeds=SEEDS, path=RESULTS):
    if os.environ.get("RNNLAB_QUICK"):
        raise SystemExit("the seed runs store full-length results: unset RNNLAB_QUICK first")
    results = load(path)
    results["setting"] = {
        "what": "chapter 7's delayed-recall experiment (rnnlab.memory) over several seeds",
        "command": "OMP_NUM_THREADS=1 python -m rnnlab seeds recall",
        "hidden_sizes": hidden_sizes(),
        "trained_at_k": "one delay k, Adam at 0.01, minibatches of 64, at most 500 updates "
        "(stops once a check batch is recalled at 0.99), tested on 1,000 fresh sequences",
        "trained_1_20": "600 updates on delays 1-20 (log-uniform), tested on 500 fresh sequences per delay",
        "delays": DELAYS,
        "test_delays": TEST_DELAYS,
        "seeds": "seed s: rnnlab.seed(s) before each network; data generators seeded as in "
        f"the chapter plus s * {SEED_STRIDE} (seed 0 is the chapter's run)",
    }
    sizes = hidden_sizes()
    done = {(r["model"], r["seed"]) for r in results["runs"]}
    for s in seeds:
        for name in NAMES:
            if (name, s) in done:
                continue
            start = time.perf_counter()
            one_delay, short_delays = run_one(name, sizes, s)
            seconds = time.perf_counter() - start
            print(
                f"seed {s} {name:20s} trained at k: {one_delay} | trained 1-20: {short_delays} "
                f"({seconds:.0f} s)",
                flush=True,
            )
            results["runs"].append(
                {
                    "model": name,
                    "seed": s,
                    "trained_at_k": one_delay,
                    "trained_1_20": short_delays,
                    "seconds": round(seconds, 1),
                }
            )
            save(results, path)
    return results
