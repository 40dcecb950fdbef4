# expect: fail
# exercise: 3
# what: sorts the batch by length itself and packs with enforce_sorted=True, but "restores" the order by indexing with the sort permutation again instead of its inverse (right only when the permutation is its own inverse)
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
        lengths = torch.as_tensor(lengths).cpu()
        sorted_lengths, perm = lengths.sort(descending=True)
        inputs = F.one_hot(X[perm.to(X.device)].long(), self.vocab_size).float()
        packed = pack_padded_sequence(inputs, sorted_lengths, batch_first=True,
                                      enforce_sorted=True)
        out, h_n = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
        perm = perm.to(out.device)
        return self.linear(out[perm]), h_n[:, perm]   # back to the caller's order
