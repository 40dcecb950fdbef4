# expect: pass
# exercise: 3
# what: counts the words with a plain dict in explicit loops, sorts the counts once in descending order and, for each min_freq, walks down the sorted counts; size = kept words + 1 for <unk>; rnnlab.Vocab is never built
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    counts = {}
    for line in lines:
        for word in line.split():            # rnnlab.tokenize(lines, "word") splits the same way
            counts[word] = counts.get(word, 0) + 1
    ordered = sorted(counts.values(), reverse=True)
    sizes = {}
    for min_freq in min_freqs:
        kept = 0
        while kept < len(ordered) and ordered[kept] >= min_freq:
            kept += 1
        sizes[min_freq] = kept + 1           # + 1 for <unk>
    return sizes
