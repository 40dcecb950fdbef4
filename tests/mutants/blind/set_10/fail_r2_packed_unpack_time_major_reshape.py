# expect: fail
# exercise: 3
# what: unpacks without batch_first (time-major (T, B, H)) and then reshapes to (B, T, H) instead of transposing: right shape, but the rows mix time steps of different sequences
# %% cell b6dfaabb
class PackedLineLM(nn.Module):
    """one-hot -> GRU over a packed batch -> linear; batch first."""

    def __init__(self, vocab_size, num_hiddens):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, lengths):
        B, T = X.shape
        inputs = F.one_hot(X.long(), self.vocab_size).float()
        packed = pack_padded_sequence(inputs, torch.as_tensor(lengths).cpu(),
                                      batch_first=True, enforce_sorted=False)
        out, h_n = self.rnn(packed)
        out, _ = pad_packed_sequence(out, total_length=T)   # (T, B, H)
        out = out.reshape(B, T, -1)
        return self.linear(out), h_n
