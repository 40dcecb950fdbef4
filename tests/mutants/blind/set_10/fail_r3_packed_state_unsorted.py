# expect: fail
# exercise: 3
# what: sorts the batch for enforce_sorted=True and un-sorts the outputs, but returns h_n still in the sorted order (states belong to the wrong sequences)
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
        sorted_len, order = torch.sort(lengths.cpu(), descending=True)
        x = F.one_hot(X[order.to(X.device)].long(), self.vocab_size).float()
        out, h_n = self.rnn(pack_padded_sequence(x, sorted_len, batch_first=True))
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
        out = out[torch.argsort(order).to(X.device)]
        return self.linear(out), h_n
