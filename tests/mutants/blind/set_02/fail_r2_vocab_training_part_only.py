# expect: fail
# exercise: 3
# what: counts only the first 90% of the lines (the later training part) instead of all words in `lines`, so rarer words of the last tenth are missing from every size
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    # the vocabulary must not see the validation text
    train_lines = lines[:int(len(lines) * 0.9)]
    tokens = rnnlab.tokenize(train_lines, "word")
    return {m: len(rnnlab.Vocab(tokens, min_freq=m)) for m in min_freqs}
