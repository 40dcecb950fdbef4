# expect: fail
# exercise: 3
# what: sorts by length and packs with enforce_sorted=True, restores the order of the logits but returns h_n in the sorted order
# %% cell b6dfaabb
class PackedLineLM(nn.Module):
    """one-hot -> GRU over a packed batch -> linear; batch first."""

    def __init__(self, vocab_size, num_hiddens):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, lengths):
        T = X.shape[1]
        sorted_lengths, order = torch.sort(lengths.cpu(), descending=True)
        inputs = F.one_hot(X[order.to(X.device)].long(), self.vocab_size).float()
        packed = pack_padded_sequence(inputs, sorted_lengths, batch_first=True)
        out, h_n = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
        logits = torch.empty_like(self.linear(out))
        logits[order.to(X.device)] = self.linear(out)
        return logits, h_n
