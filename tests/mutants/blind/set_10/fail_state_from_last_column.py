# expect: fail
# exercise: 3
# what: packs correctly but returns the unpacked output at the last column out[:, -1] as the state, which is zero padding for every sequence shorter than T
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
        out, _ = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=X.shape[1])
        state = out[:, -1].unsqueeze(0)  # (1, batch_size, num_hiddens)
        return self.linear(out), state
