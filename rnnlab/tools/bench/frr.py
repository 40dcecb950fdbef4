"""False-rejection rates of the checks that train or sample (a benchmark command, not a test).

A check that draws fresh inputs, trains a baseline or measures a trained model compares a
*statistic* with a margin; a correct solution is rejected when the statistic falls on the wrong
side by chance. This command runs the solution notebook of a set (quick mode) up to the check,
then re-runs the check many times on the reference solution's objects: fresh check randomness
every run and, with ``--trainings K``, the model retrained K times with other seeds (the
statistic of a trained check depends on training too). Per compared quantity it reports the
"slack" (how far the statistic is on the accepting side of its margin; below 0 is a rejection):
the count of rejections, the mean and standard deviation of the slack, the margin's distance from
the mean in standard deviations and the normal-tail estimate of the rejection rate (skewed slacks
need more than the normal tail says: the minimum and the skewness are printed too). The check's
own verdict is counted as well; with no rejection in n runs, 3/n bounds the rate (95 %).

    python -m rnnlab.tools.bench.frr gru_lstm_pair_06 --runs 5 --trainings 6 --save
    python -m rnnlab.tools.bench.frr --table        # the stored results as a Markdown table

The specs (which cell, which cells retrain, which margins are probed) are in ``frr_specs``; the
recording of a margin constant while the real check runs is ``frr_probe``; ``--save`` keeps every
slack in ``frr_results.json``. How much is enough, and the table: docs/false-rejections.md.
"""

import argparse
import contextlib
import fcntl
import io
import json
import math
import os
import pathlib
import re
import statistics
import sys
import time

from . import frr_probe
from .frr_specs import SPECS

ROOT = pathlib.Path(__file__).resolve().parents[3]
RESULTS = pathlib.Path(__file__).with_name("frr_results.json")


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
    """Run the solution notebook of the set (quick mode) up to the check cell, check cells
    included (later cells use what they define); return (namespace, retraining cells, check cell)."""
    os.environ.setdefault("RNNLAB_QUICK", "1")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("RNNLAB_DATA", "/work/shared/data")
    import torch

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    (path,) = sorted((ROOT / "solutions").glob(f"{spec.set_number}_*.ipynb"))
    notebook = json.loads(path.read_text())
    cells = _sections_until(notebook, spec.check_cell)
    (check,) = [c for c in notebook["cells"] if c.get("id") == spec.check_cell]
    ns = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in cells:
            exec(compile(_runnable("".join(cell["source"])), f"<cell {cell['id']}>", "exec"), ns)
    retrain = [c for c in cells if c["id"] in spec.retrain_cells]
    return ns, retrain, "".join(check["source"])


def one_run(spec, ns, check_source):
    """One measurement: the spec's statistic, or the check cell itself run with its margins probed
    (its verdict as a slack of +1 or -1, each probed margin's smallest slack of the run)."""
    from rnnlab.checks.core import CheckFailed

    if spec.statistic is not None:
        return spec.statistic(ns)
    recorders, undo = frr_probe.install(spec.probes)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(_runnable(check_source), f"<check {spec.check_cell}>", "exec"), ns)
        values = {VERDICT: 1.0}
    except CheckFailed as err:
        values = {VERDICT: -1.0, "_failure": str(err).splitlines()[0]}
    finally:
        undo()
    for label, recorder in recorders.items():
        if recorder.slacks:
            values[label] = min(recorder.slacks)
    return values


VERDICT = "check verdict"


def summarise(values):
    """Rejections, mean, sd, distance of the margin (slack 0) in sd, normal-tail estimate, and the
    rule-of-three bound (95 %) that the count alone gives."""
    n = len(values)
    rejected = sum(v < 0 for v in values)
    out = {"runs": n, "rejected": rejected, "bound95": 3 / n if not rejected else None}
    if n < 2 or set(values) <= {1.0, -1.0}:
        return out
    mean, sd = statistics.fmean(values), statistics.stdev(values)
    k = mean / sd if sd > 0 else float("inf")
    out.update(mean=mean, sd=sd, min=min(values), sigmas=k)
    out["skew"] = (sum((v - mean) ** 3 for v in values) / n) / sd**3 if sd > 0 else 0.0
    out["normal_tail"] = 0.5 * math.erfc(k / math.sqrt(2)) if sd > 0 else 0.0
    return out


def describe(name, s):
    text = f"{name}: {s['runs']} runs, {s['rejected']} rejected"
    if s["bound95"]:
        text += f" (95 % bound {s['bound95']:.1e})"
    if "mean" in s:
        text += (
            f"; slack mean {s['mean']:.4g}, sd {s['sd']:.3g}, min {s['min']:.4g}, skew {s['skew']:+.2f}: "
            f"margin at {s['sigmas']:.1f} sd, normal-tail false rejection {s['normal_tail']:.1e}"
        )
    return text


def table():
    """The stored measurements, one row per compared quantity (Markdown)."""
    rows = [
        "| check | set | quantity | runs (trainings) | rejected | slack mean | sd | sd to margin | "
        "est. false rejection |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in sorted(json.loads(RESULTS.read_text()).items(), key=lambda kv: (kv[1]["set"], kv[0])):
        for key, s in r["summary"].items():
            est = f"{s['normal_tail']:.0e}" if "mean" in s else ""
            if s["bound95"]:
                est = f"{est} (count: < {s['bound95']:.0e})".lstrip()
            stats = [f"{s[k]:.3g}" if k in s else "" for k in ("mean", "sd", "sigmas")]
            rows.append(
                f"| {name} | {r['set']} | {key} | {s['runs']} ({r['trainings']}) | {s['rejected']} | "
                + " | ".join(stats)
                + f" | {est} |"
            )
    return "\n".join(rows)


def _load():
    return os.getloadavg()[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("check", nargs="?", choices=sorted(SPECS))
    parser.add_argument("--runs", type=int, default=20, help="check re-runs per trained model")
    parser.add_argument("--trainings", type=int, default=1, help="trainings (1: the notebook's own)")
    parser.add_argument("--seed-base", type=int, default=1000, help="training k uses seed base + k")
    parser.add_argument("--save", action="store_true", help=f"store the slacks in {RESULTS.name}")
    parser.add_argument("--table", action="store_true", help=f"print {RESULTS.name} as a table")
    args = parser.parse_args(argv)
    if args.table:
        return print(table())
    if args.check is None:
        parser.error("name a check (or --table)")
    spec = SPECS[args.check]
    sys.path.insert(0, str(ROOT))
    start, loads = time.monotonic(), [_load()]
    ns, retrain, check_source = prepare(spec)
    print(f"prepared set {spec.set_number} in {time.monotonic() - start:.0f} s", flush=True)
    slacks, failures = {}, []
    for training in range(args.trainings):
        if training:  # seed 0 is the notebook's own training
            with contextlib.redirect_stdout(io.StringIO()):
                for cell in retrain:
                    source = _reseed("".join(cell["source"]), args.seed_base + training)
                    exec(compile(_runnable(source), f"<cell {cell['id']}>", "exec"), ns)
        for run in range(args.runs):
            t = time.monotonic()
            values = one_run(spec, ns, check_source)
            if "_failure" in values:
                failures.append(f"training {training} run {run}: {values.pop('_failure')}")
            for key, value in values.items():
                slacks.setdefault(key, []).append(value)
            if run < 3 or run % max(1, args.runs // 5) == 0:
                shown = ", ".join(f"{k} {v:.4g}" for k, v in values.items())
                print(f"training {training} run {run}: {shown} ({time.monotonic() - t:.1f} s)", flush=True)
        loads.append(_load())
        if args.save:  # after every training: a long run stopped early keeps what it measured
            _save(args, spec, training + 1, time.monotonic() - start, loads, slacks, failures)
    summaries = {key: summarise(v) for key, v in slacks.items() if not key.startswith("_")}
    for key, s in summaries.items():
        print(describe(key, s))
    print("\n".join(failures[:10]))
    print(f"total {time.monotonic() - start:.0f} s, load average {min(loads):.1f}-{max(loads):.1f}")


def _save(args, spec, trainings_done, seconds, loads, slacks, failures):
    """Store the slacks measured so far under the check's name in frr_results.json."""
    with open(RESULTS.with_suffix(".lock"), "w") as lock:  # two measurements may save at once
        fcntl.flock(lock, fcntl.LOCK_EX)
        _merge(args, spec, trainings_done, seconds, loads, slacks, failures)


def _merge(args, spec, trainings_done, seconds, loads, slacks, failures):
    stored = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    key = args.check if args.seed_base == 1000 else f"{args.check}@seeds{args.seed_base}"
    stored[key] = {
        "set": spec.set_number,
        "cell": spec.check_cell,
        "runs_per_training": args.runs,
        "trainings": trainings_done,
        "seeds": [0] + [args.seed_base + t for t in range(1, trainings_done)],
        "seconds": round(seconds),
        "load_average": [round(min(loads), 2), round(max(loads), 2)],
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "summary": {key: summarise(v) for key, v in slacks.items() if not key.startswith("_")},
        "failures": failures,
        "slacks": {k: [round(x, 6) for x in v] for k, v in slacks.items()},
    }
    tmp = RESULTS.with_suffix(".tmp")
    tmp.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n")
    tmp.replace(RESULTS)  # a reader never sees half a file


if __name__ == "__main__":
    main()
