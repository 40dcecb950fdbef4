# expect: fail
# exercise: 3
# what: ignores its `lines` argument and re-reads The Time Machine with rnnlab.read_time_machine() inside the function, so for any other lines it returns the book's vocabulary sizes
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    book_lines = rnnlab.read_time_machine()         # the preprocessed book
    tokens = rnnlab.tokenize(book_lines, "word")
    return {min_freq: len(rnnlab.Vocab(tokens, min_freq=min_freq))
            for min_freq in min_freqs}
