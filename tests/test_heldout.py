"""Held-out perplexity: the train/held-out split of a corpus and its use in rnnlab.train."""

import pytest
import torch
from torch import nn

import rnnlab


def test_split_is_disjoint_contiguous_and_shares_the_vocab():
    train_iter, val_iter, vocab = rnnlab.load_data_time_machine_split(8, 10, max_tokens=3000, val_tokens=2000)
    whole, whole_vocab = rnnlab.load_corpus_time_machine()
    assert vocab.idx_to_token == whole_vocab.idx_to_token and len(vocab) == 28
    assert train_iter.corpus == whole[:3000]
    assert val_iter.corpus == whole[3000:5000]  # the text right after the training text
    assert vocab.unk not in val_iter.corpus  # every character of the book is in the vocabulary


def test_training_on_the_rest_keeps_the_same_held_out_text():
    _, val_first, _ = rnnlab.load_data_time_machine_split(8, 10, max_tokens=3000, val_tokens=2000)
    train_iter, val_iter, _ = rnnlab.load_data_time_machine_split(
        8, 10, max_tokens=3000, val_tokens=2000, use_random_iter=True, train_on_rest=True
    )
    whole, _ = rnnlab.load_corpus_time_machine()
    assert val_iter.corpus == val_first.corpus == whole[3000:5000]
    # every token but the held-out ones, in book order
    assert train_iter.corpus == whole[:3000] + whole[5000:]
    assert train_iter.use_random_iter


def test_unknown_tokens_of_a_given_vocab_map_to_unk():
    vocab = rnnlab.Vocab([list("abcdefghij ")])  # no letters after j
    _, val_iter, _ = rnnlab.load_data_split("time_machine", 4, 5, max_tokens=500, val_tokens=500, vocab=vocab)
    assert vocab.unk in val_iter.corpus and max(val_iter.corpus) < len(vocab)


def test_held_out_batches_are_fixed_and_draw_no_random_numbers():
    _, val_iter, _ = rnnlab.load_data_time_machine_split(4, 7, max_tokens=1000, val_tokens=1000)
    rnnlab.seed(0)
    first = [X.clone() for X, _ in val_iter]
    state = torch.random.get_rng_state(), __import__("random").getstate()
    second = [X for X, _ in val_iter]
    assert all(torch.equal(a, b) for a, b in zip(first, second)) and len(first) == len(second)
    assert __import__("random").getstate() == state[1]
    assert first[0][0].tolist() == val_iter.corpus[:7]  # the cut starts at the first token


def test_split_refuses_a_corpus_too_short():
    with pytest.raises(ValueError, match="too few"):
        rnnlab.load_data_time_machine_split(8, 10, max_tokens=10000, val_tokens=10**7)


def test_train_records_training_and_held_out_perplexity(capsys):
    rnnlab.seed(0)
    train_iter, val_iter, vocab = rnnlab.load_data_time_machine_split(8, 10, max_tokens=2000, val_tokens=1000)
    net = rnnlab.RNNLM(nn.GRU(len(vocab), 32), len(vocab))
    before = rnnlab.evaluate_perplexity(net, val_iter, "cpu")
    history = rnnlab.train(
        net,
        train_iter,
        vocab,
        lr=1,
        num_epochs=6,
        device="cpu",
        val_iter=val_iter,
        val_every=2,
        progress=False,
        prefixes=(),
    )
    assert history.val_epochs == [2, 4, 6] and len(history.val_perplexities) == 3
    # the last value is what evaluate_perplexity says about the final weights
    assert history.val_perplexity == pytest.approx(rnnlab.evaluate_perplexity(net, val_iter, "cpu"))
    assert history.val_perplexity < before
    epoch, best = history.best_val
    assert best == min(history.val_perplexities) and epoch in history.val_epochs
    out = capsys.readouterr().out
    assert f"held-out {history.val_perplexity:.2f}" in out and f"training {history.perplexity:.2f}" in out
    assert "tokens/sec on cpu" in out


def test_held_out_evaluation_leaves_training_unchanged():
    """Training with val_iter takes exactly the steps training without it takes."""
    results = []
    for with_val in (False, True):
        rnnlab.seed(0)
        train_iter, val_iter, vocab = rnnlab.load_data_time_machine_split(
            8, 10, max_tokens=1500, val_tokens=800
        )
        net = rnnlab.RNNLM(nn.RNN(len(vocab), 16), len(vocab))
        history = rnnlab.train(
            net,
            train_iter,
            vocab,
            1,
            4,
            "cpu",
            progress=False,
            prefixes=(),
            val_iter=val_iter if with_val else None,
            val_every=1,
        )
        results.append((history.perplexities, history.val_perplexities))
    assert results[0][0] == results[1][0]
    assert results[0][1] == [] and len(results[1][1]) == 4


def test_without_held_out_data_the_summary_is_unchanged():
    history = rnnlab.History(epochs=[1], perplexities=[3.0], tokens_per_sec=[10.0])
    assert history.val_perplexity is None and history.best_val is None
    assert history.summary() == "perplexity 3.00, 10 tokens/sec on cpu"


def test_quick_mode_caps_both_parts(monkeypatch):
    whole, _ = rnnlab.load_corpus_time_machine()
    monkeypatch.setenv("RNNLAB_QUICK", "1")
    train_iter, val_iter, _ = rnnlab.load_data_time_machine_split(8, 10, max_tokens=50_000, val_tokens=50_000)
    assert len(train_iter.corpus) == len(val_iter.corpus) == rnnlab.quick.QUICK_MAX_TOKENS
    assert val_iter.corpus == whole[50_000:60_000]  # still the text after the training part


def test_a_diverged_model_has_infinite_perplexity_instead_of_an_error():
    train_iter, val_iter, vocab = rnnlab.load_data_time_machine_split(8, 10, max_tokens=1000, val_tokens=1000)
    net = rnnlab.RNNLM(nn.RNN(len(vocab), 16), len(vocab))
    with torch.no_grad():
        net.linear.weight.mul_(1e6)  # logits of order 1e6: a mean loss far beyond exp's range
    assert rnnlab.evaluate_perplexity(net, val_iter, "cpu") == float("inf")
