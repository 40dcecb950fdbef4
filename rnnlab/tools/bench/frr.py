"""False-rejection rates of the checks that train or sample (a benchmark command, not a test).

A check that draws fresh inputs, trains a baseline or measures a trained model compares a
*statistic* with a margin; a correct solution is rejected when the statistic falls on the wrong
side by chance. This command runs the solution notebook of a set (quick mode) up to the check,
then recomputes the check's statistic many times on the reference solution's objects: fresh
check randomness every run and, with ``--trainings K``, the model retrained K times with other
seeds (the statistic of a trained check depends on training too). It reports, per compared
quantity, the "slack" (how far the statistic is on the accepting side of its margin; a run is
rejected when a slack is below 0): the count of rejections, the mean and standard deviation of
the slack, the margin's distance from the mean in standard deviations and the normal-tail
estimate of the rejection rate. Skewed slacks need more than the normal tail says: the minimum
and the skewness are printed too.

    python -m rnnlab.tools.bench.frr passage_classifier --runs 20 --trainings 3

200 re-trainings per check do not fit on a shared 2-core machine; the count measured is part
of the comment next to each margin constant.
"""

import argparse
import json
import math
import os
import pathlib
import re
import statistics
import sys
import time
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parents[3]


@dataclass
class Spec:
    set_number: str
    check_cell: str  # the id of the check cell; the notebook runs up to it
    retrain_cells: tuple  # cells re-run (with another seed) for a fresh training
    statistic: object  # namespace -> {name: slack}; a slack below 0 is a rejection


def _classifier_slacks(ns):
    from rnnlab.checks import classifier
    from rnnlab.checks.core import fresh_generator
    from rnnlab.classify import passage_task, sample_passages

    global _PASSAGE_DATA
    if _PASSAGE_DATA is None:
        train_parts, test_parts, vocab = passage_task()
        _PASSAGE_DATA = (train_parts, test_parts, vocab["<pad>"], len(vocab))
    gen = fresh_generator()
    passages, labels = sample_passages(_PASSAGE_DATA[1], 3000, 20, 100, gen)
    ns["net"].eval()
    s = classifier.held_out_statistics(ns["net"], _PASSAGE_DATA, passages, labels, gen, 20, 100, 3000)
    threshold = max(classifier.LEAK_FLOOR, classifier.LEAK_SIGMAS * s["spread"])
    return {
        "above baseline": s["acc"] - s["base"] - classifier.BASELINE_MARGIN,
        "leak": s["acc_seen"] + threshold - s["acc"],
        "_acc": s["acc"],
        "_base": s["base"],
    }


_PASSAGE_DATA = None


def _beats_naive_slacks(ns):
    import torch
    from torch import nn

    from rnnlab.checks import experiments
    from rnnlab.checks.core import fresh_generator

    net, tau, n_train = ns["lstm"], ns["tau"], ns["n_train"]
    x = torch.as_tensor(ns["x"]).detach().float().cpu().reshape(-1)
    X, y = x.unfold(0, tau, 1)[:-1][n_train:], x[tau:][n_train:]
    net.eval()
    with torch.no_grad():
        pred = net(X).reshape(-1)
        mse, naive, _, bar = experiments.one_step_errors(pred, X, y)
        (rnn,) = [m for m in net.modules() if isinstance(m, nn.RNNBase)]
        residual = experiments.last_state_residual(rnn, net, X, "cpu", fresh_generator())
    net.train()
    return {
        "below the bar (share of repeat-last MSE)": (bar - mse) / naive,
        "affine residual": experiments.AFFINE_RTOL - residual,
        "_residual": residual,
    }


SPECS = {
    "passage_classifier": Spec("11", "88b18d03", ("24bb0d06",), _classifier_slacks),
    # the statistic depends on training only: --runs 1 --trainings N
    "beats_naive": Spec("01", "5dc9a9cf", ("44ca9776",), _beats_naive_slacks),
}


def _sections_until(notebook, cell_id):
    """The notebook's code cells before ``cell_id`` (magics and installs left out)."""
    cells = []
    for cell in notebook["cells"]:
        if cell.get("id") == cell_id:
            return cells
        if cell["cell_type"] == "code" and "colab-install" not in cell["metadata"].get("tags", []):
            cells.append(cell)
    raise SystemExit(f"no cell {cell_id} in the notebook")


def _runnable(source):
    return "\n".join(
        "pass  # magic" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )


def _reseed(source, seed):
    """The cell's code with its fixed seeds replaced by ``seed`` (another training)."""
    return re.sub(r"(seed\()\s*\d+\s*\)", rf"\g<1>{seed})", source)


def prepare(spec):
    os.environ.setdefault("RNNLAB_QUICK", "1")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("RNNLAB_DATA", "/work/shared/data")
    import torch

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    (path,) = sorted((ROOT / "solutions").glob(f"{spec.set_number}_*.ipynb"))
    notebook = json.loads(path.read_text())
    cells = _sections_until(notebook, spec.check_cell)
    ns = {"__name__": "__main__"}
    for cell in cells:
        if "check" in cell["metadata"].get("tags", []):
            continue
        exec(compile(_runnable("".join(cell["source"])), f"<cell {cell['id']}>", "exec"), ns)
    retrain = [c for c in cells if c["id"] in spec.retrain_cells]
    return ns, retrain


def summarise(name, values):
    """Rejections, mean, sd, distance of the margin (slack 0) in sd, normal-tail estimate."""
    n = len(values)
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if n > 1 else float("nan")
    k = mean / sd if sd > 0 else float("inf")
    tail = 0.5 * math.erfc(k / math.sqrt(2)) if sd > 0 else 0.0
    skew = (sum((v - mean) ** 3 for v in values) / n) / sd**3 if sd > 0 else 0.0
    rejected = sum(v < 0 for v in values)
    return (
        f"{name}: {n} runs, {rejected} rejected; slack mean {mean:.4g}, sd {sd:.3g}, "
        f"min {min(values):.4g}, skew {skew:+.2f}: margin at {k:.1f} sd, "
        f"normal-tail false rejection {tail:.1e}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("check", choices=sorted(SPECS))
    parser.add_argument("--runs", type=int, default=20, help="check re-runs per trained model")
    parser.add_argument("--trainings", type=int, default=1, help="trainings (1: the notebook's own)")
    args = parser.parse_args(argv)
    spec = SPECS[args.check]
    sys.path.insert(0, str(ROOT))
    start = time.monotonic()
    ns, retrain = prepare(spec)
    print(f"prepared set {spec.set_number} in {time.monotonic() - start:.0f} s", flush=True)
    slacks = {}
    for training in range(args.trainings):
        if training:  # seed 0 is the notebook's own training
            for cell in retrain:
                source = _reseed("".join(cell["source"]), 1000 + training)
                exec(compile(_runnable(source), f"<cell {cell['id']}>", "exec"), ns)
        for run in range(args.runs):
            t = time.monotonic()
            values = spec.statistic(ns)
            for key, value in values.items():
                slacks.setdefault(key, []).append(value)
            shown = ", ".join(f"{k} {v:.4f}" for k, v in values.items())
            print(f"training {training} run {run}: {shown} ({time.monotonic() - t:.0f} s)", flush=True)
    for key, values in slacks.items():
        if not key.startswith("_"):
            print(summarise(key, values))
    print(f"total {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main()
