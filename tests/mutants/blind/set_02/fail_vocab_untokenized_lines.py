# expect: fail
# exercise: 3
# what: passes the raw lines to rnnlab.Vocab without tokenizing, so whole lines are counted as 'words'
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    return {m: len(rnnlab.Vocab(lines, min_freq=m)) for m in min_freqs}
