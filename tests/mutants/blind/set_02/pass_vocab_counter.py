# expect: pass
# exercise: 3
# what: counts the words with collections.Counter and adds 1 for <unk> instead of building a Vocab per min_freq
# %% cell e8f4973b
import collections


def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    counts = collections.Counter()
    for line in lines:
        counts.update(line.split())
    result = {}
    for m in min_freqs:
        kept = [w for w, c in counts.items() if c >= m]
        result[m] = len(kept) + 1  # + <unk>
    return result
