"""The floor benchmark counts the products it says it counts (timings replaced by a constant)."""

from rnnlab.tools.bench import floor as bench_floor


def test_floor_counts_two_products_per_step_and_one_weight_gradient(monkeypatch):
    monkeypatch.setattr(bench_floor, "best_time", lambda fn, repeats, rounds=5: 1.0)
    steps = bench_floor.NUM_STEPS
    assert bench_floor.minibatch_floor(1, 8) == 2 * steps + 1
    # two layers, two directions: four recurrent passes, and the upper layer's input products
    # (forward and two backward) once per direction
    assert bench_floor.minibatch_floor(4, 8, num_layers=2, directions=2) == 4 * (2 * steps + 1) + 2 * 3


def test_products_have_the_shapes_of_the_training(monkeypatch):
    shapes = []

    def record(fn, repeats, rounds=5):
        shapes.append(tuple(fn().shape))
        return 0.0

    monkeypatch.setattr(bench_floor, "best_time", record)
    bench_floor.minibatch_floor(3, 16, num_layers=2, directions=1)
    batch, rows = bench_floor.BATCH_SIZE, bench_floor.NUM_STEPS * bench_floor.BATCH_SIZE
    assert shapes == [
        (batch, 48),
        (batch, 16),
        (16, 48),  # one step forward and back; weight gradient
        (rows, 48),
        (rows, 16),
        (16, 48),
    ]  # upper layer's input product and backward


def test_main_prints_one_row_per_training(monkeypatch, capsys):
    monkeypatch.setattr(bench_floor, "best_time", lambda fn, repeats, rounds=5: 1e-4)
    bench_floor.main()
    rows = [
        line for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "ms" not in line
    ]
    assert [row.split(" | ")[0][2:] for row in rows] == [t[0] for t in bench_floor.TRAININGS]
