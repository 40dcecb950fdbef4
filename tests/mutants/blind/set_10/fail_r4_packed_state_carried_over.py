# expect: fail
# exercise: 3
# what: keeps the final state between calls (as the chapters' sequential language models did) and starts the next batch's GRU from it when the batch size matches, so a line starts from the state of an unrelated line of the previous batch instead of from zeros
# %% cell b6dfaabb
class PackedLineLM(nn.Module):
    """one-hot -> GRU over a packed batch -> linear; batch first."""

    def __init__(self, vocab_size, num_hiddens):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)
        self.state = None

    def forward(self, X, lengths):
        inputs = F.one_hot(X, self.vocab_size).float()
        packed = pack_padded_sequence(inputs, lengths.cpu(), batch_first=True,
                                      enforce_sorted=False)
        if self.state is not None and self.state.shape[1] != X.shape[0]:
            self.state = None  # a batch of another size: start afresh
        out, state = self.rnn(packed, self.state)
        self.state = state.detach()
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=X.shape[1])
        return self.linear(out), state
