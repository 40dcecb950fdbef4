# expect: fail
# exercise: 3
# what: runs the GRU over the padded batch without packing, so the returned state is taken after the padding, not after each sequence's own last token
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
        out, state = self.rnn(inputs)
        return self.linear(out), state
