# expect: fail
# exercise: 3
# what: counts in how many LINES each word occurs (a set per line, to 'avoid double counting'), not how many times it occurs, so a word used twice in one line counts once and the sizes come out too small
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    from collections import Counter
    counts = Counter()
    for line in rnnlab.tokenize(lines, "word"):
        counts.update(set(line))
    return {m: 1 + sum(1 for c in counts.values() if c >= m) for m in min_freqs}
