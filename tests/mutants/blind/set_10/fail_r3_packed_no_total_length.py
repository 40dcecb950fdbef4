# expect: fail
# exercise: 3
# what: unpacks without total_length, so when the batch carries more padding than its longest sequence needs the logits come back shorter than X (T = max(lengths) instead of X.shape[1])
# %% cell b6dfaabb
class PackedLineLM(nn.Module):
    """one-hot -> GRU over a packed batch -> linear; batch first."""

    def __init__(self, vocab_size, num_hiddens):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, lengths):
        inputs = F.one_hot(X.long(), self.vocab_size).float()
        packed = pack_padded_sequence(inputs, lengths.cpu(), batch_first=True,
                                      enforce_sorted=False)
        out, h_n = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True)
        return self.linear(out), h_n
