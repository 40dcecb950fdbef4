# expect: pass
# exercise: 3
# what: sorts the batch by length itself, packs with enforce_sorted=True, then un-sorts both the outputs and the final state with the inverse permutation
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
        sorted_len, order = torch.sort(lengths, descending=True)
        inverse = torch.empty_like(order)
        inverse[order] = torch.arange(len(order))
        x = F.one_hot(X[order.to(X.device)].long(), self.vocab_size).float()
        packed = pack_padded_sequence(x, sorted_len, batch_first=True, enforce_sorted=True)
        out, h_n = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
        inv = inverse.to(X.device)
        out, h_n = out[inv], h_n[:, inv]
        return self.linear(out), h_n
