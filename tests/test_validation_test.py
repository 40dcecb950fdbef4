"""Validation and test: the held-out text split in halves, one to choose an epoch, one to report."""

import importlib

import pytest
import torch
from torch import nn

import rnnlab
from rnnlab.report import TrainingReport

train_module = importlib.import_module("rnnlab.train")  # the module: rnnlab.train is the function


def tiny_split(held_out_tokens=1000):
    return rnnlab.load_data_time_machine_val_test(8, 10, max_tokens=2000, held_out_tokens=held_out_tokens)


def tiny_net(vocab):
    return rnnlab.RNNLM(nn.RNN(len(vocab), 16), len(vocab))


def run(net, train_iter, vocab, num_epochs=6, **kwargs):
    return rnnlab.train(net, train_iter, vocab, 1, num_epochs, "cpu", progress=False, prefixes=(), **kwargs)


def test_halves_are_disjoint_and_cover_the_held_out_text():
    train_iter, val_iter, test_iter, vocab = tiny_split(held_out_tokens=1001)
    whole, _ = rnnlab.load_corpus_time_machine()
    assert train_iter.corpus == whole[:2000]
    assert val_iter.corpus == whole[2000:2500] and test_iter.corpus == whole[2500:3001]
    assert len(vocab) == 28
    for loader in (val_iter, test_iter):  # a fixed cut: every evaluation sees the same batches
        assert not loader.use_random_iter and not loader.random_offset
        assert (loader.batch_size, loader.num_steps) == (8, 10)


def test_halves_are_the_stored_seed_runs_validation_and_test():
    from rnnlab.tools.bench import seeds as seed_runs

    _, held_out, _ = rnnlab.load_data_time_machine_split(32, 35)
    val_iter, test_iter = rnnlab.split_validation_test(held_out)
    stored = seed_runs.held_out_loaders(held_out)
    assert val_iter.corpus == stored["val"].corpus and test_iter.corpus == stored["test"].corpus


class Counting:
    """A loader that counts its passes and calls ``on_pass`` before each."""

    def __init__(self, loader, on_pass=lambda: None):
        self.loader, self.on_pass, self.passes = loader, on_pass, 0
        self.use_random_iter = False

    def __iter__(self):
        self.on_pass()
        self.passes += 1
        return iter(self.loader)


def test_the_test_text_is_scored_once_after_training():
    rnnlab.seed(0)
    train_iter, val_iter, test_iter, vocab = tiny_split()
    test = Counting(test_iter)
    passes_seen_by_validation = []
    val = Counting(val_iter, on_pass=lambda: passes_seen_by_validation.append(test.passes))
    history = run(tiny_net(vocab), train_iter, vocab, val_iter=val, val_every=1, test_iter=test)
    assert passes_seen_by_validation == [0] * 6  # no test pass while epochs were being chosen
    assert val.passes == 6 and test.passes == 1
    assert history.test_perplexity is not None


def test_the_test_figure_is_the_chosen_epochs_model(monkeypatch):
    """Validation values are scripted so that epoch 3 of 6 is the lowest; the test figure must be
    that epoch's weights on the test text, and the model must end holding those weights."""
    rnnlab.seed(0)
    train_iter, val_iter, test_iter, vocab = tiny_split()
    net = tiny_net(vocab)
    real_evaluate = train_module.evaluate_perplexity
    scripted = iter([9.0, 8.0, 7.0, 7.5, 7.0, 8.0])  # a tie later: the first minimum is kept
    weights = []

    def evaluate(model, loader, device=None):
        if loader is val_iter:
            weights.append({k: v.clone() for k, v in model.state_dict().items()})
            return next(scripted)
        return real_evaluate(model, loader, device)

    monkeypatch.setattr(train_module, "evaluate_perplexity", evaluate)
    history = run(net, train_iter, vocab, val_iter=val_iter, val_every=1, test_iter=test_iter)
    assert history.best_val == (3, 7.0) and history.test_epoch == 3
    chosen, final = weights[2], weights[5]
    assert any(not torch.equal(chosen[k], final[k]) for k in chosen)  # training did move on
    assert all(torch.equal(v, chosen[k]) for k, v in net.state_dict().items())
    reference = tiny_net(vocab)
    reference.load_state_dict(chosen)
    assert history.test_perplexity == pytest.approx(real_evaluate(reference, test_iter, "cpu"))
    reference.load_state_dict(final)
    assert history.test_perplexity != pytest.approx(real_evaluate(reference, test_iter, "cpu"))
    assert history.summary().startswith(
        f"perplexity: training {history.perplexity:.2f}, validation 8.00 (lowest 7.00 at epoch 3), "
        f"test {history.test_perplexity:.2f} at epoch 3, "
    )


def test_without_validation_the_final_model_is_tested():
    rnnlab.seed(0)
    train_iter, _, test_iter, vocab = tiny_split()
    net = tiny_net(vocab)
    history = run(net, train_iter, vocab, num_epochs=3, test_iter=test_iter)
    assert history.test_epoch == 3 and history.val_perplexities == []
    assert history.test_perplexity == pytest.approx(rnnlab.evaluate_perplexity(net, test_iter, "cpu"))
    assert "validation" not in history.summary() and "test " in history.summary()


def test_a_test_loader_changes_no_training_step():
    perplexities = []
    for with_test in (False, True):
        rnnlab.seed(0)
        train_iter, val_iter, test_iter, vocab = tiny_split()
        history = run(
            tiny_net(vocab),
            train_iter,
            vocab,
            num_epochs=4,
            val_iter=val_iter,
            val_every=1,
            test_iter=test_iter if with_test else None,
        )
        perplexities.append((history.perplexities, history.val_perplexities))
        if not with_test:  # the old behaviour: no test figure, the old summary
            assert history.test_perplexity is None and "lowest held-out" in history.summary()
    assert perplexities[0] == perplexities[1]


def test_training_plots_use_a_log_axis_and_name_the_validation_curve():
    report = TrainingReport(10, "validation", plot=False, progress=False)
    assert report.live.yscale == "log" and report.live.legend == ["training", "validation"]
    assert TrainingReport(10, True, plot=False, progress=False).live.legend == ["training", "held-out"]
    assert TrainingReport(10, None, plot=False, progress=False).live.legend == ["training"]
