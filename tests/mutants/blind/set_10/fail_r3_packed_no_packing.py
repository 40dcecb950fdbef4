# expect: fail
# exercise: 3
# what: does not pack: runs the GRU over the padded batch, so the outputs at real positions are right but the returned state is the one after the padding (last padded position)
# %% cell b6dfaabb
class PackedLineLM(nn.Module):
    """one-hot -> GRU over a packed batch -> linear; batch first."""

    def __init__(self, vocab_size, num_hiddens):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, lengths):
        out, h_n = self.rnn(F.one_hot(X.long(), self.vocab_size).float())
        return self.linear(out), h_n
