# expect: pass
# exercise: 3
# what: pack_padded_sequence(enforce_sorted=False), GRU, pad_packed_sequence(total_length=T), linear; h_n returned as the GRU gives it
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
        out, state = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=X.shape[1])
        return self.linear(out), state
