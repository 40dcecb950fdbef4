# expect: pass
# exercise: 3
# what: flattens the word tokens into one list first and builds one rnnlab.Vocab per min_freq in a loop
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    words = [w for line in rnnlab.tokenize(lines, "word") for w in line]
    sizes = {}
    for min_freq in min_freqs:
        vocab = rnnlab.Vocab(words, min_freq=min_freq)
        sizes[min_freq] = len(vocab)  # <unk> included
    return sizes
