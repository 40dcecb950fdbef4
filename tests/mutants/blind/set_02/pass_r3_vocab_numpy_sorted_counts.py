# expect: pass
# exercise: 3
# what: counts the words once with np.unique(return_counts=True) and gets every size as 1 (for <unk>) plus the number of counts >= min_freq via np.searchsorted on the sorted counts; returns plain ints
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    import numpy as np
    words = [w for line in rnnlab.tokenize(lines, "word") for w in line]
    if not words:
        return {m: 1 for m in min_freqs}
    _, counts = np.unique(np.array(words, dtype=object).astype(str), return_counts=True)
    counts = np.sort(counts)
    return {m: int(1 + len(counts) - np.searchsorted(counts, m, side="left"))
            for m in min_freqs}
