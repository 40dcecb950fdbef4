"""The text pipeline: facts about The Time Machine, Vocab, and both minibatch iterators."""

import pytest
import torch

import rnnlab


def test_time_machine_facts():
    lines = rnnlab.read_time_machine()
    assert len(lines) == 3221
    chars = rnnlab.tokenize(lines, "char")
    assert sum(len(line) for line in chars) == 170580
    assert len(rnnlab.Vocab(chars)) == 28  # 26 letters, space, <unk>
    words = rnnlab.tokenize(lines, "word")
    assert sum(len(line) for line in words) == 32775
    assert len(rnnlab.Vocab(words)) - 1 == 4579  # distinct words, without <unk>


def test_load_corpus_time_machine():
    corpus, vocab = rnnlab.load_corpus_time_machine()
    assert len(corpus) == 170580 and len(vocab) == 28
    assert vocab.to_tokens(corpus[:14]) == list("the time machi")
    corpus, _ = rnnlab.load_corpus_time_machine(max_tokens=10000)
    assert len(corpus) == 10000


def test_vocab_order_and_min_freq():
    tokens = [["b", "a", "b", "c"], ["b", "a", "d"]]
    vocab = rnnlab.Vocab(tokens, reserved_tokens=["<pad>"])
    assert vocab.idx_to_token == ["<unk>", "<pad>", "b", "a", "c", "d"]  # ties keep first-seen order
    assert vocab["a"] == 3 and vocab["zzz"] == 0 and vocab[["b", "zzz"]] == [2, 0]
    assert vocab.to_tokens([2, 3]) == ["b", "a"] and vocab.to_tokens(4) == "c"
    rare_out = rnnlab.Vocab(tokens, min_freq=2)
    assert rare_out.idx_to_token == ["<unk>", "b", "a"]
    assert rare_out["c"] == rare_out.unk == 0


def test_tokenize_rejects_unknown_kind():
    with pytest.raises(ValueError, match="'word' or 'char'"):
        rnnlab.tokenize(["a b"], "sentence")


def test_sequential_batches_continue_each_row():
    corpus = list(range(200))
    batches = list(rnnlab.seq_data_iter_sequential(corpus, batch_size=3, num_steps=5))
    assert len(batches) >= 2
    for X, Y in batches:
        assert X.shape == Y.shape == (3, 5)
        assert torch.equal(Y[:, :-1], X[:, 1:])  # Y is X shifted by one token
    for (X1, _), (X2, _) in zip(batches, batches[1:]):
        assert torch.equal(X2[:, 0], X1[:, -1] + 1)  # row i of batch k+1 continues row i of batch k


def test_random_batches_do_not_overlap():
    corpus = list(range(200))
    seen = []
    for X, Y in rnnlab.seq_data_iter_random(corpus, batch_size=4, num_steps=5):
        assert X.shape == Y.shape == (4, 5)
        assert torch.equal(Y, X + 1)
        seen.extend(X.flatten().tolist())
    assert len(seen) == len(set(seen))  # no token appears in two subsequences


def test_loader_length_and_reiteration():
    train_iter, vocab = rnnlab.load_data_time_machine(32, 35)
    assert len(vocab) == 28
    first, second = list(train_iter), list(train_iter)
    assert len(first) >= len(train_iter) and len(second) >= len(train_iter)
    assert first[0][0].shape == (32, 35)


def test_loader_rejects_a_too_short_corpus():
    with pytest.raises(ValueError, match="too short"):
        rnnlab.SeqDataLoader(list(range(50)), batch_size=32, num_steps=35)
