# expect: fail
# exercise: 3
# what: counts words with more than min_freq occurrences (> instead of >=), so words seen exactly min_freq times are dropped
# %% cell e8f4973b
import collections


def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    counts = collections.Counter(w for line in rnnlab.tokenize(lines, "word") for w in line)
    return {m: 1 + sum(1 for c in counts.values() if c > m) for m in min_freqs}
