# expect: fail
# exercise: 3
# what: reports len(vocab) - 1, leaving <unk> out of the count although the text says to count it
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    tokens = rnnlab.tokenize(lines, "word")
    sizes = {}
    for m in min_freqs:
        vocab = rnnlab.Vocab(tokens, min_freq=m)
        sizes[m] = len(vocab) - 1  # the real words only
    return sizes
