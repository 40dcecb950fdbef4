# expect: fail
# exercise: 3
# what: joins the lines with spaces and splits on " " (not on whitespace runs): empty lines give empty-string "words", so '' is counted as a (very frequent) vocabulary entry
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    words = " ".join(lines).split(" ")
    sizes = {}
    for m in min_freqs:
        sizes[m] = len(rnnlab.Vocab(words, min_freq=m))
    return sizes
