# expect: pass
# exercise: 3
# what: builds one Vocab (min_freq 0) and derives every size from its token_freqs: 1 (for <unk>) plus the number of words with count >= min_freq, via bisect on the sorted counts
# %% cell e8f4973b
import bisect


def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    full = rnnlab.Vocab(rnnlab.tokenize(lines, "word"))
    counts = sorted(freq for _, freq in full.token_freqs)   # ascending
    result = {}
    for m in min_freqs:
        n_kept = len(counts) - bisect.bisect_left(counts, m)  # words with count >= m
        result[m] = n_kept + 1                                # + <unk>
    return result
