# expect: fail
# exercise: 3
# what: builds each Vocab with reserved_tokens=["<pad>"] (copied from the seq2seq setup), so every size counts a token that is not a word of the text nor <unk>
# %% cell e8f4973b
def word_vocab_sizes(lines, min_freqs):
    """Vocabulary size of the words in `lines` for each min_freq."""
    tokens = rnnlab.tokenize(lines, "word")
    return {m: len(rnnlab.Vocab(tokens, min_freq=m, reserved_tokens=["<pad>"]))
            for m in min_freqs}
